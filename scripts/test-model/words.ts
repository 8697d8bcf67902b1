// The fixed English word list behind the test tokenizer's vocabulary. Common words get one token each, so
// test sentences tokenise to realistic lengths; anything else falls back to letter pieces.
const COMMON_WORDS = `
the be to of and a in that have i it for not on with he as you do at this but his by from they we say her
she or an will my one all would there their what so up out if about who get which go me when make can like
time no just him know take people into year your good some could them see other than then now look only come
its over think also back after use two how our work first well way even new want because any these give day
most us is was are were been has had did said made went got very much more many such own same here where why
while before through during under again between each few both those every never always often still off down
great small large long little old big high low right left last next early late young important public bad
able free full sure real best better hard easy strong clear open close true false whole local social human
house home room school water food book word number part place case week company system program question
government money night point hand group problem fact story world life child family city country business
service area state month lot study job name student line end member power law car idea kind head side team
level office door health person art war history party result change morning reason research girl guy moment
air teacher force education price product review customer order delivery support account email phone
message issue help thanks please love hate happy sad angry fast slow cheap expensive quality broken return
refund shipping package item size color red blue green black white buy sell pay cost send receive call
ask answer tell talk speak read write listen hear feel try leave keep let begin seem show start run move live
believe bring happen stand lose meet include continue set learn lead understand watch follow stop create
add spend grow offer remember consider appear wait serve die expect build stay fall cut reach kill remain
suggest raise pass report decide pull win lot today tomorrow yesterday week year minute hour second game
movie music film song show news weather rain sun snow hot cold warm data text label model test sample
spam ham free offer click link win prize urgent account bank password update meeting project deadline
`;

/** Unique common words in first-seen order, so the vocabulary (and so the model) never changes by accident. */
export const WORDS: readonly string[] = [...new Set(COMMON_WORDS.split(/\s+/).filter((w) => w.length > 0))];

/** Suffix pieces so inflected words split the way real WordPiece vocabularies split them. */
export const SUFFIXES: readonly string[] = [
  's', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'ers', 'est', 'ion', 'ions', 'tion', 'ness', 'ment', 'ments', 'ful',
  'less', 'able', 'ible', 'al', 'ally', 'ity', 'ive', 'ous', 'ize', 'ized', 'ise', 'y', 'ies', 'en', 'ish',
];
