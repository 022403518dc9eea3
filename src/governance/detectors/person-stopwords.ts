// Capitalised words that are not names: function words and sentence openers, calendar words, titles and roles,
// organisation and place words, the departments that "ask" and "say" like people ("Finance asked for…"), the AI
// assistants and vendors prompts address like people ("Hello, Gemini"; not Claude or Alexa, which are also given
// names), and the surnames/given names that are everyday English words. A name candidate is
// split at these words, and a single ambiguous word ("Will", "Park", "Rose") needs more evidence than the lexicon.

const WORDS = `
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours out over own same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would you
your yours yes hello hi hey dear thanks thank please sorry ok okay well oh so yet still even though however therefore
let lets let's maybe perhaps today tomorrow yesterday tonight here there everyone someone anyone nobody everybody
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december spring summer autumn winter christmas easter day week month year morning evening night
mr mrs ms miss dr prof sir madam madame mister doctor professor captain president senator judge uncle aunt saint st
producer director manager engineer developer analyst assistant agent customer client user bot admin administrator
team staff support service services sales account accounts billing payment payments card credit debit bank
company corp corporation inc llc ltd plc gmbh co group global international national solutions systems technologies
technology labs media health capital partners associates holdings insurance university college school hospital
institute foundation society club association orchestra band records studio studios press news weekly daily times
north south east west northern southern eastern western central new old great united states kingdom republic city
county state province street road avenue lane drive boulevard court place square park village town springs beach
river lake mount mountain island islands valley hill hills bay port fort airport station centre center building
america american europe european asia asian africa african english french german spanish italian chinese japanese
note notes example answer question summary subject title name phone mobile desk fax address email e-mail website
date time when where who what why how which step input output result response request error warning info debug
data science machine learning model models api key keys token secret password code file files project projects
report reports version release update issue issues bug feature test tests build deploy server client database
table list map set get post put delete create read write open close start stop run main default true false null
yes no new next previous first last final total number amount price cost order invoice product products item items
home about contact privacy terms help faq blog login logout sign register search settings profile dashboard
finance legal marketing engineering security procurement operations compliance facilities research design
leadership management executive board treasury audit risk accounting payroll recruiting recruitment hr ops devops
infrastructure platform qa
airlock chatgpt gpt gemini copilot llama mistral openai anthropic bard perplexity grok deepseek qwen
`;

// Names that are also everyday English words: fine inside "Rose Smith", not alone.
const AMBIGUOUS_WORDS = `
will may june april august mark bill rose grace hope faith joy summer autumn dawn ivy lily iris ruby amber crystal
jasmine violet holly daisy pearl penny sandy rusty sunny guy jack frank sky chase hunter mason carter cooper parker
taylor tyler miles max ray dean rich don art bob pat sue jan eve angel cash chance christian justice page reed major
king prince duke earl baker smith young long black white brown green gray grey park lee hall bell wood woods stone
fox wolf snow small strong short good best noble banks fields rivers waters price bond wise little pope bishop knight
marsh glass frost sharp powers power rush hood sparks flowers golden summers winters meadows walls cross bush horn
berry cook carpenter turner porter walker butler fisher gardner miller weaver ward hart lamb moon love case house
church person english french west south north east hill holmes banks castle cannon mills rice hunt wells booth
young lane bright gold silver day may
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
export const AMBIGUOUS: ReadonlySet<string> = new Set(AMBIGUOUS_WORDS.split(/\s+/).filter(Boolean));

// Titles and greetings that announce a name right after them.
export const TITLES: ReadonlySet<string> = new Set(
  'mr mrs ms miss mx dr prof sir madam madame mister doctor professor captain dear hi hello hey producer director signed'.split(' '),
);
