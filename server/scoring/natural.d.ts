// Deep imports of `natural` (its index pulls in storage back-ends that print dotenv notices).
declare module 'natural/lib/natural/sentiment/SentimentAnalyzer.js' {
  export default class SentimentAnalyzer {
    constructor(language: string, stemmer: unknown, type: string);
    vocabulary: Record<string, number>;
    negations: string[];
    getSentiment(words: string[]): number;
  }
}
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export class RegexpTokenizer {
    constructor(opts: { pattern: RegExp; gaps?: boolean });
    tokenize(text: string): string[] | null;
  }
  export class WordTokenizer {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/distance/dice_coefficient.js' {
  export default function diceCoefficient(a: string, b: string): number;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: {
    stem(token: string): string;
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
  };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    addDocument(text: string, label: string): void;
    train(): void;
    classify(text: string): string;
    features: Record<string, number>;
    classifier: {
      classFeatures: Record<string, Record<string, number>>;
      classTotals: Record<string, number>;
      totalExamples: number;
      smoothing: number;
    };
  }
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer.js' {
  export default class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
}
