import type { LanguagePack } from './pack.js';

export const DE: LanguagePack = {
  customer: {
    opener: {
      payments: [
        'Hallo, meine Kartenzahlung bei {merchant} wurde abgelehnt, obwohl genug Geld auf dem Konto ist',
        'Mir wurde derselbe Einkauf zweimal abgebucht, {amount} bei {merchant}',
        'Meine Überweisung über {amount} vom {date} ist nicht angekommen',
      ],
      refund: [
        'Wo bleibt meine Rückerstattung? {merchant} sagt, {amount} wurden erstattet',
        'Immer noch keine Erstattung nach {days} Tagen',
      ],
      dispute: [
        'Ich möchte eine Abbuchung von {amount} bei {merchant} reklamieren, die Ware kam nie an',
        'Wie ist der Stand meiner Reklamation zu Bestellung {order}?',
      ],
      fraud: [
        'Ich erkenne eine Zahlung über {amount} bei {merchant} nicht',
        'Jemand hat meine Karte benutzt! Bitte sofort sperren',
      ],
      account: [
        'Meine Identitätsprüfung schlägt ständig fehl',
        'Warum ist mein Konto gesperrt? Ich komme nicht an mein Geld',
      ],
      delivery: [
        'Meine neue Karte ist nicht angekommen, bestellt am {date}',
        'Wo ist meine Ersatzkarte? Schon {days} Tage',
      ],
      app: ['Die App stürzt bei jedem Start ab', 'Ich bekomme keinen Bestätigungscode per SMS'],
      other: ['Wie ändere ich meine Adresse?', 'Welche Gebühren fallen im Ausland an?'],
    },
    detail: {
      payments: ['Es waren {amount} am {date}', 'Die Karte endet auf {last4}'],
      refund: ['Die Bestellnummer ist {order}'],
      dispute: ['Bestellung {order}, bezahlt {amount} am {date}'],
      fraud: ['Nein, diese Zahlungen habe ich nicht gemacht'],
      account: ['Ich habe meinen Reisepass verwendet'],
      delivery: ['Die Adresse in der App stimmt'],
      app: ['Android 14, neueste App-Version'],
      other: ['Es geht um mein Geschäftskonto'],
    },
    stillWaiting: [
      'Warte immer noch...',
      'Hallo? Immer noch keine Antwort',
      'Nach {days} Tagen immer noch nichts',
    ],
    humanRequest: [
      'Kann ich bitte mit einem Menschen sprechen?',
      'Ich möchte mit einem echten Mitarbeiter sprechen',
      'Bitte verbinden Sie mich mit einem Mitarbeiter',
      'Gibt es eine echte Person, mit der ich reden kann?',
    ],
    distress: [
      'Mein Mann ist letzte Woche gestorben und ich brauche Zugriff auf unser gemeinsames Konto',
      'Ich wurde um meine ganzen Ersparnisse betrogen',
      'Ich habe meinen Job verloren und kann diesen Monat nicht zahlen',
    ],
    legalThreat: ['Ich schalte meinen Anwalt ein', 'Ich beschwere mich bei der BaFin'],
    angry: ['Das ist eine Frechheit', 'WARUM IST DAS SO KOMPLIZIERT', 'Der schlechteste Service überhaupt'],
    thanks: ['Danke!', 'Super, vielen Dank', 'Ok danke'],
    afterCannotHelp: ['Toll. Und jetzt?', 'Nutzlos.'],
    vipRemark: ['Ich bin Premiumkunde und das ist inakzeptabel'],
  },
  ai: {
    reply: {
      payments: [
        'Ich prüfe das für Sie. Ich sehe die Zahlung über {amount} bei {merchant}.',
        'Doppelte Abbuchungen sind meist Vormerkungen, die nach 3-5 Werktagen verschwinden.',
      ],
      refund: ['Erstattungen dauern 5-10 Werktage, nachdem der Händler sie veranlasst hat.'],
      dispute: ['Ich helfe Ihnen, die Zahlung zu reklamieren. Bitte bestätigen Sie Betrag und Datum.'],
      fraud: ['Ich habe Ihre Karte mit Endung {last4} vorsorglich gesperrt.'],
      account: ['Die Prüfung dauert bis zu 48 Stunden. Achten Sie auf ein vollständiges Foto des Dokuments.'],
      delivery: ['Karten werden innerhalb von 5-7 Werktagen zugestellt. Ihre wurde am {date} verschickt.'],
      app: ['Bitte aktualisieren Sie die App und starten Sie Ihr Telefon neu.'],
      other: ['Sie können Ihre Adresse unter Einstellungen > Persönliche Daten ändern.'],
    },
    followUp: ['Danke. Kann ich sonst noch helfen?', 'Ich verstehe. Bitte warten Sie noch ein paar Tage.'],
    cannotHelp: ['Leider kann ich Ihnen dabei nicht helfen.', 'Darauf habe ich leider keinen Zugriff.'],
    deflectHuman: [
      'Ich kann Ihnen hier direkt helfen. Beschreiben Sie bitte das Problem.',
      'Ich verstehe. Lassen Sie mich es zuerst selbst versuchen.',
    ],
    empathy: ['Das tut mir leid. Ich schaue mir das an.', 'Ich verstehe, dass das ärgerlich ist.'],
    handoff: ['Ich verbinde Sie mit einem Kollegen.', 'Ein Mitarbeiter übernimmt gleich.'],
    policyHandoff: ['Das muss ein Spezialist prüfen. Ich leite Sie weiter.'],
    closing: ['Schön, dass ich helfen konnte! Einen schönen Tag.'],
    verify: ['Hallo! Bitte bestätigen Sie zum Abschluss Ihr Geburtsdatum.'],
    verifyDone: ['Danke, Sie sind verifiziert.'],
  },
  agent: {
    greeting: [
      'Hallo {name}, ich bin {agent} und helfe Ihnen weiter.',
      'Guten Tag, hier ist {agent} vom Kundenservice.',
    ],
    ask: ['Können Sie Betrag und Datum bestätigen?', 'Um welche Karte geht es?'],
    resolve: {
      payments: ['Ich habe die doppelte Abbuchung über {amount} storniert.'],
      refund: ['Ich habe {merchant} kontaktiert, die Erstattung wurde heute veranlasst.'],
      dispute: ['Ich habe die Reklamation eröffnet und eine vorläufige Gutschrift gebucht.'],
      fraud: ['Ich habe die Karte gesperrt und eine neue bestellt. Die Zahlungen werden erstattet.'],
      account: ['Ich habe Ihre Prüfung manuell freigegeben. Ihr Konto ist wieder aktiv.'],
      delivery: ['Ich habe eine neue Karte per Expressversand bestellt.'],
      app: ['Es gab einen Fehler in der letzten Version, ein Update ist verfügbar.'],
      other: ['Ich habe Ihre Adresse aktualisiert.'],
    },
    empathy: ['Mein herzliches Beileid. Ich kümmere mich darum.'],
    closing: ['Kann ich sonst noch etwas für Sie tun?', 'Einen schönen Tag noch!'],
    handToAi: ['Unser Assistent hilft Ihnen beim letzten Schritt.'],
  },
};
