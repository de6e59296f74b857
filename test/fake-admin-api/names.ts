// Word lists for realistic-looking organisations. International names are deliberately part
// of the "normal" data, not the hostile corpus: real orgs have them.

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'John',
  'Katherine', 'Tim', 'Radia', 'Vint', 'Shafi', 'Donald', 'Hedy', 'Guido', 'Anita', 'Bjarne',
  'Sophie', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Ethan',
  'Priya', 'Arjun', 'Ananya', 'Rohan', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Min-jun', 'Seo-yeon',
  'Oluwaseun', 'Chidi', 'Amara', 'Kwame', 'Fatima', 'Omar', 'Layla', 'Yusuf', 'Leila', 'Karim',
  'José', 'María', 'Zoë', 'Björn', 'Søren', 'Ólafur', 'François', 'Chloé', 'Małgorzata', 'Dvořák',
  'Nguyễn', 'Thảo', 'Ayşe', 'Çağan', 'Mariana', 'João', 'Sven', 'Ingrid', 'Nikolai', 'Ekaterina',
  'Sam', 'Alex', 'Jordan', 'Taylor', 'Casey', 'Morgan', 'Riley', 'Jamie', 'Avery', 'Quinn',
];

export const LAST_NAMES = [
  'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen',
  'McCarthy', 'Johnson', 'Berners-Lee', 'Perlman', 'Cerf', 'Goldwasser', 'Knuth', 'Lamarr', 'van Rossum',
  'Borg', 'Stroustrup', 'Smith', 'Garcia', 'Martinez', 'Brown', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Patel', 'Sharma', 'Iyer', 'Chen', 'Wang', 'Li', 'Zhang', 'Tanaka', 'Suzuki', 'Kim', 'Park', 'Lee',
  'Adeyemi', 'Okafor', 'Mensah', 'Haddad', 'Khalil', 'Rahman', 'Hosseini', 'Nakamura', 'Sato',
  'Müller', 'Schröder', 'Ødegaard', 'Lindqvist', 'Dubois', 'Lefèvre', 'Kowalski', 'Nowak', 'Novák',
  'Pérez', 'González', 'Silva', 'Santos', 'Yılmaz', 'Öztürk', "O'Brien", 'MacDonald', 'Ivanova', 'Petrov',
];

export const EMAIL_DOMAINS = ['acme.example', 'example.com', 'corp.example.org', 'labs.example.net'];

export const PROJECT_WORDS_A = [
  'Customer', 'Support', 'Search', 'Internal', 'Marketing', 'Billing', 'Fraud', 'Data', 'Growth',
  'Mobile', 'Legal', 'Sales', 'Research', 'Docs', 'Onboarding', 'Analytics', 'Voice', 'Vision',
  'Recommendations', 'Risk', 'HR', 'Finance', 'Security', 'Platform', 'Checkout', 'Translation',
];
export const PROJECT_WORDS_B = [
  'Assistant', 'Bot', 'Pipeline', 'Copilot', 'Summaries', 'Classifier', 'Agent', 'Tools',
  'Insights', 'Triage', 'Extraction', 'Chat', 'Embeddings', 'Eval Harness', 'Playground', 'Sandbox',
];
export const PROJECT_SUFFIXES = ['', '', '', ' (prod)', ' (staging)', ' – dev', ' v2', ' EU', ' Experiments'];

export const KEY_NAMES = [
  'Production', 'Staging', 'Local dev', 'CI', 'Jupyter', 'Backend worker', 'Cron jobs', 'Eval runner',
  'Batch ingest', 'Prototype', 'Hackathon', 'Zapier', 'Retool', 'Data science', 'Secret Key',
];

export const SERVICE_ACCOUNT_NAMES = [
  'prod-backend', 'staging-backend', 'etl-worker', 'github-actions', 'support-bot', 'nightly-evals',
  'search-indexer', 'billing-sync', 'slack-integration', 'airflow',
];

export const GROUP_NAMES = [
  'Engineering', 'Support Team', 'Data Science', 'Finance', 'Security', 'Platform', 'Design', 'Legal',
  'Sales Engineering', 'Research', 'Contractors', 'Interns', 'Escalations', 'On-call', 'Leadership',
];

export const CERT_NAMES = ['Primary mTLS', 'Backup mTLS', 'Partner gateway', 'Legacy proxy', 'EU edge', 'Zscaler'];

export const TECHNICAL_LEVELS = ['technical', 'non_technical', null] as const;
export const DEVELOPER_PERSONAS = ['builder', 'data_scientist', 'researcher', 'product', null] as const;
