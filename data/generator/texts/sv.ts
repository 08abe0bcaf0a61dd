import type { LanguagePack } from './pack.js';

/** Swedish: a few templates per list, enough that sentiment marks them unscored, not neutral. */
export const SV: LanguagePack = {
  customer: {
    opener: {
      payments: [
        'Hej, mitt kort nekades hos {merchant} fast jag har pengar på kontot',
        'Jag blev debiterad två gånger för samma köp, {amount} hos {merchant}',
        'Min överföring på {amount} från {date} har inte kommit fram',
      ],
      refund: [
        'Var är min återbetalning? {merchant} säger att de har betalat tillbaka {amount}',
        'Fortfarande ingen återbetalning efter {days} dagar',
      ],
      dispute: [
        'Jag vill bestrida ett köp på {amount} från {merchant}, jag fick aldrig varan',
        'Hur går det med mitt ärende om order {order}?',
      ],
      fraud: [
        'Jag känner inte igen en betalning på {amount} hos {merchant}',
        'Någon har använt mitt kort! Spärra det direkt',
      ],
      account: [
        'Min ID-verifiering misslyckas hela tiden',
        'Varför är mitt konto spärrat? Jag kommer inte åt mina pengar',
      ],
      delivery: [
        'Mitt nya kort har inte kommit, beställde det {date}',
        'Var är mitt ersättningskort? Det har gått {days} dagar',
      ],
      app: ['Appen kraschar varje gång jag öppnar den', 'Jag kan inte logga in med BankID i appen'],
      other: ['Hur ändrar jag min adress?', 'Vilka avgifter har ni när jag använder kortet utomlands?'],
    },
    detail: {
      payments: ['Det var {amount} den {date}', 'Kortet slutar på {last4}'],
      refund: ['Ordernumret är {order}', 'Det var {amount}'],
      dispute: ['Order {order}, betalade {amount} den {date}'],
      fraud: ['Nej, jag har inte gjort de köpen'],
      account: ['Jag använde mitt pass'],
      delivery: ['Adressen i appen stämmer'],
      app: ['iPhone, senaste versionen av appen'],
      other: ['Det gäller mitt företag'],
    },
    stillWaiting: ['Väntar fortfarande...', 'Hallå? Inget svar än', 'Fortfarande inget efter {days} dagar'],
    humanRequest: [
      'Kan jag få prata med en människa?',
      'Jag vill prata med en riktig person',
      'Koppla mig till en handläggare tack',
      'Finns det någon person jag kan prata med?',
    ],
    distress: [
      'Min man gick bort förra veckan och jag behöver komma åt vårt gemensamma konto',
      'Jag har blivit lurad på alla mina besparingar',
      'Jag har förlorat jobbet och kan inte betala denna månad',
    ],
    legalThreat: ['Jag kommer att kontakta Finansinspektionen', 'Jag anmäler er till ARN'],
    angry: ['Det här är helt orimligt', 'VARFÖR ÄR DETTA SÅ SVÅRT', 'Sämsta servicen någonsin'],
    thanks: ['Tack!', 'Toppen, tack så mycket', 'Okej tack'],
    afterCannotHelp: ['Jaha. Och vad gör jag nu?', 'Värdelöst.'],
    vipRemark: ['Jag är premiumkund och detta är inte acceptabelt'],
  },
  ai: {
    reply: {
      payments: [
        'Jag kollar det åt dig. Jag ser betalningen på {amount} hos {merchant}.',
        'Dubbla dragningar är oftast reservationer som försvinner inom 3-5 bankdagar.',
      ],
      refund: ['Återbetalningar tar 5-10 bankdagar efter att butiken skickat dem.'],
      dispute: ['Jag kan hjälpa dig att bestrida köpet. Bekräfta belopp och datum.'],
      fraud: ['Jag har spärrat ditt kort som slutar på {last4} för säkerhets skull.'],
      account: ['Verifieringen tar upp till 48 timmar. Se till att bilden visar hela dokumentet.'],
      delivery: ['Kort levereras inom 5-7 bankdagar. Ditt skickades {date}.'],
      app: ['Uppdatera appen till senaste versionen och starta om telefonen.'],
      other: ['Du kan ändra adress under Inställningar > Personuppgifter.'],
    },
    followUp: ['Tack. Kan jag hjälpa till med något mer?', 'Jag förstår. Vänta några dagar till.'],
    cannotHelp: [
      'Tyvärr kan jag inte hjälpa till med det.',
      'Jag har tyvärr inte tillgång till den informationen.',
    ],
    deflectHuman: [
      'Jag kan hjälpa dig med det här. Beskriv gärna problemet.',
      'Jag förstår. Låt mig först försöka lösa det.',
    ],
    empathy: ['Det var tråkigt att höra. Jag tittar på det.', 'Jag förstår att det är frustrerande.'],
    handoff: ['Jag kopplar dig till en kollega som kan hjälpa dig.', 'En handläggare tar över strax.'],
    policyHandoff: ['Det här behöver en specialist. Jag skickar dig vidare.'],
    closing: ['Skönt att jag kunde hjälpa till! Ha en fin dag.'],
    verify: ['Hej! Bekräfta ditt födelsedatum för att slutföra.'],
    verifyDone: ['Tack, du är verifierad.'],
  },
  agent: {
    greeting: [
      'Hej {name}, jag heter {agent} och hjälper dig med detta.',
      'Hej, {agent} här från kundtjänst.',
    ],
    ask: ['Kan du bekräfta belopp och datum?', 'Vilket kort gäller det?'],
    resolve: {
      payments: ['Jag har återfört den dubbla dragningen på {amount}.'],
      refund: ['Jag har kontaktat {merchant}, återbetalningen skickades i dag.'],
      dispute: ['Jag har öppnat ärendet och lagt in en tillfällig kreditering.'],
      fraud: ['Jag har spärrat kortet och beställt ett nytt. Betalningarna återbetalas under utredningen.'],
      account: ['Jag har godkänt verifieringen manuellt. Kontot är aktivt igen.'],
      delivery: ['Jag har beställt ett nytt kort med expressleverans.'],
      app: ['Vi hade ett fel i senaste versionen, en rättning finns nu.'],
      other: ['Jag har uppdaterat din adress.'],
    },
    empathy: ['Jag beklagar verkligen din förlust. Jag tar hand om det här.'],
    closing: ['Något mer jag kan hjälpa till med?', 'Ha en fin dag!'],
    handToAi: ['Vår assistent hjälper dig med det sista steget.'],
  },
};
