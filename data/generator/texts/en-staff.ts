import type { AgentTexts, AiTexts } from './pack.js';

export const EN_AI: AiTexts = {
  reply: {
    payments: [
      'Let me check that for you. I can see the payment of {amount} at {merchant}.',
      'Duplicate charges are usually a temporary authorisation and drop off within 3-5 business days.',
      'Transfers normally arrive within 1-2 business days. Yours is still being processed.',
      'Your card ending {last4} is active. Declines online are often caused by 3-D Secure; please try again and approve in the app.',
    ],
    refund: [
      'Refunds take 5-10 business days to reach your card after the merchant sends them.',
      'I can see the order {order}. The refund has not been received from {merchant} yet.',
      'Let me check that for you. Refunds appear as a separate credit on your statement.',
      'Once {merchant} processes the refund it will show in the app under Transactions.',
    ],
    dispute: [
      'I can help you start a dispute. Please confirm the amount and the date of the payment.',
      'Disputes take up to 45 days while we hear from the merchant.',
      'Have you contacted {merchant} first? We need that before opening a dispute.',
      'Your dispute is under review. We will notify you in the app when there is an update.',
    ],
    fraud: [
      'I have frozen your card ending {last4} as a precaution. You can unfreeze it in the app.',
      'We never ask for codes over the phone. Please change your password now.',
      'Let me check the recent transactions on your account.',
      'If you do not recognise the payment, you can report it under Help > Report fraud.',
    ],
    account: [
      'Verification usually takes up to 48 hours. Make sure the photo shows all four corners of the document.',
      'You can change your phone number under Settings > Personal details.',
      'Your account is under a routine review. I cannot share more details here.',
      'Please upload a document dated within the last 3 months as proof of address.',
    ],
    delivery: [
      'Cards are delivered within 5-7 business days. Yours was sent on {date}.',
      'I can see your card was dispatched. Tracking is not available for standard delivery.',
      'You can order a replacement card in the app under Card > Replace.',
      'Let me check that for you. The card was sent to the address in your profile.',
    ],
    app: [
      'Please update the app to the latest version and restart your phone.',
      'Try reinstalling the app. Your data is safe, you will just need to log in again.',
      'Verification codes can take a few minutes. Please check that your number is correct.',
      'You can enable Face ID under Settings > Security.',
    ],
    other: [
      'You can update your address under Settings > Personal details.',
      'Card fees abroad are listed under Plans in the app.',
      'You can download statements as PDF under Account > Statements.',
      'Thanks for the feedback, I have passed it on.',
    ],
  },
  followUp: [
    'Thanks. Is there anything else I can help with?',
    'I understand. Please allow a few more days for this to update.',
    'Let me check that for you.',
    'Could you tell me a bit more about the issue?',
    'I see. You can find more information in our Help Centre.',
    'Thank you for the details.',
  ],
  cannotHelp: [
    "I'm sorry, I can't help with that.",
    "I'm sorry, I can't help with that. Please check our Help Centre.",
    'Unfortunately that is not something I can do.',
    "I'm sorry, I don't have access to that information.",
  ],
  deflectHuman: [
    'I can help you with that right here. Could you describe the issue?',
    'I understand. Let me try to resolve this for you first.',
    'Our agents are busy right now, but I can help you with most questions.',
    'I am here to help! What seems to be the problem?',
    'I can handle this request. Please tell me more about the payment.',
    'Let me see what I can do before connecting you.',
  ],
  empathy: [
    "I'm sorry to hear that. Let me look into it.",
    'I understand this is frustrating.',
    'Thank you for your patience.',
    'Sorry for the inconvenience.',
  ],
  handoff: [
    'I will connect you with a colleague who can help.',
    "I'm transferring you to a support agent now.",
    'Let me get a member of our team for you.',
    'One moment, a human colleague will take over.',
  ],
  policyHandoff: [
    'This needs a specialist. I am passing you to our team.',
    'For your security a colleague will handle this.',
    'I will hand this over to our disputes team.',
  ],
  closing: ['Glad I could help! Have a great day.', 'Anything else I can help with?', 'Happy to help.'],
  verify: [
    'Hi! To finish, please confirm your date of birth.',
    'I will help you with the verification. Please confirm the last 4 digits of your card.',
  ],
  verifyDone: ['Thank you, you are verified. All done!', 'Thanks, everything is confirmed.'],
};

export const EN_AGENT: AgentTexts = {
  greeting: [
    "Hi {name}, I'm {agent} and I'll help you with this.",
    'Hello, this is {agent} from the support team.',
    "Hi {name}! {agent} here, I've read the conversation.",
    "Hi, I'm {agent}. Sorry for the wait.",
  ],
  ask: [
    'Could you confirm the amount and the date?',
    'Can you tell me which card this is about?',
    'Could you share the order number?',
    'When did this happen?',
  ],
  resolve: {
    payments: [
      'I have reversed the duplicate charge of {amount}. It will show within 2 days.',
      'The transfer was held by a routine check. I have released it now.',
      'I have reset the online payment limit on your card, please try again.',
    ],
    refund: [
      'I contacted {merchant}; the refund of {amount} was sent today.',
      'I can see the refund is on its way, you should have it by {date} at the latest.',
      'I have raised a refund trace with {merchant} and will follow up.',
    ],
    dispute: [
      'I have opened the dispute for {amount} and added a temporary credit to your account.',
      'I escalated your dispute and asked for the evidence from {merchant}.',
      'I reviewed the case again and the dispute is now approved.',
    ],
    fraud: [
      'I have blocked the card and ordered a new one. The disputed payments are refunded while we investigate.',
      'I am so sorry this happened. I have secured your account and opened a fraud case.',
      'Your money is safe. I have refunded {amount} and sent you a new card.',
    ],
    account: [
      'I have approved your verification manually. Your account is active again.',
      'I unlocked your account. Please set a new passcode when you log in.',
      'I have closed the account and the balance will be paid out within 3 days.',
    ],
    delivery: [
      'I have ordered a new card by express delivery, free of charge.',
      'I updated the delivery address and resent the card.',
      'The card was returned to us. I have sent it again to the right address.',
    ],
    app: [
      'We had an issue with the latest version; a fix is out now. Please update.',
      'I have reset your login. You can log in again with a new code.',
      'I re-registered your phone number, the codes should arrive now.',
    ],
    other: [
      'I have updated your address.',
      'I have sent the statement to your inbox.',
      'I have registered your complaint and a manager will reply within 5 days.',
    ],
  },
  empathy: [
    'I am very sorry for your loss. I will take care of this for you.',
    'I understand, and I am sorry you are going through this.',
    'Thank you for telling us. We will find a solution together.',
  ],
  closing: [
    'Is there anything else I can help you with?',
    'Have a nice day!',
    'Take care, and write again if anything comes up.',
    'All sorted. Thanks for your patience.',
  ],
  handToAi: [
    'I will pass you to our assistant to finish the verification.',
    'Our assistant will help you with the last step.',
  ],
};
