import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { listMarkets } from '../queries/conversations.js';
import { combineFilters, metricDrillDowns } from '../queries/drilldown.js';
import { computeMetrics } from '../queries/metrics.js';
import { computeSeries, GRAINS } from '../queries/series.js';
import { baseFilterShape, filtersToQuery, parseQuery } from './filter-params.js';
import { allow } from '../auth/middleware.js';

export function metricsRouter(db: Database): Router {
  const router = Router();

  router.get('/metrics', allow('GET /metrics'), async (req, res) => {
    const filters = parseQuery(baseFilterShape, req.query, await listMarkets(db));
    const metrics = await computeMetrics(db, filters);
    // For every number, the /api/conversations query that lists exactly the conversations behind it.
    const drillDown = Object.fromEntries(
      Object.entries(metricDrillDowns()).map(([path, extra]) => {
        const combined = combineFilters(filters, extra);
        return [path, combined ? filtersToQuery(combined) : null];
      }),
    );
    res.json({ ...metrics, drillDown });
  });

  const seriesShape = { ...baseFilterShape, grain: z.enum(GRAINS, { error: 'must be day or week' }).default('week') };
  router.get('/metrics/series', allow('GET /metrics/series'), async (req, res) => {
    const { grain, ...filters } = parseQuery(seriesShape, req.query, await listMarkets(db));
    res.json(await computeSeries(db, filters, grain));
  });

  return router;
}
