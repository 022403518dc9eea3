// Street, unit and postal words of many languages, as regex alternations for address.ts.

// Street types written after the name, English-style: "2450 Crown St", "fourth avenue".
export const SUFFIX_AFTER_NAME =
  'street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|ter|square|sq|parkway|pkwy|highway|hwy|route|circle|cir|crescent|cres|close|gardens|grove|row|walk|trail|trl|loop|path|pike|plaza|alley|union|forges?|mews|heights|ridge|view|commons|crossing|estates?|expressway|freeway|junction|manor|meadows?|mills?|orchard|pass|shores?|springs?|station|summit|turnpike|valley|village|wells|str|odos|rise|parade|esplanade|wharf|quay|causeway|bypass|fork|knolls?|oval|plains?|ports?|ranch|falls|keys?|locks?|lodge|motorway|radial|stream|track|tunnel|underpass|vista|ways?';

// Street types that end a compound street name, followed by the number: "Kiannonkatu 98", "Mellemvej 32".
export const COMPOUND_END =
  'straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|vej|vejen|gade|vænget|stræde|torv|plads|gatan|gata|vägen|väg|gränd|torget|stigen|backen|veien|gate|veg|katu|tie|kuja|polku|tori|straat|laan|plein|gracht|kade|singel|dreef|hove|steeg|utca|út|körút|ulica|ulice|tänav|iela|gatvė|cesta|ovo|ova|eva|caddesi|sokak|bulvarı';

// Street types written before the name: "Via Franscini 71", "62 Rue Gafsa", "ul. Długa 3".
export const PREFIX_BEFORE_NAME = new Set(
  'rue|via|viale|piazza|piazzale|corso|vicolo|largo|calle|avenida|av.|rua|travessa|praça|praca|estrada|camino|paseo|plaza|carrera|chemin|boulevard|bd|allée|impasse|quai|place|route|ul.|ulica|aleja|al.|odos|strada|carrer|carretera|rambla|ronda|avenue'.split('|'),
);

// Abbreviated types that stand between name and number: "Kálmán Imre u. 12.", "Belgrád rkp. 18.".
export const ABBREVIATION = new Set(['u.', 'krt.', 'rkp.', 'tér', 'út', 'útja', 'ul.', 'str.', 'mnt', 'pst', 'tn', 'tee', 'gate', 'vei']);

// Unit and box words, as single lower-case words without dots: strong in any case, weak only when capitalised.
export const UNIT_STRONG = new Set(['apt', 'apartment', 'suite', 'ste', 'psc', 'cmr', 'apo', 'fpo', 'dpo', 'postfach', 'apartado', 'p.o.box', 'pobox']);
export const UNIT_WEAK = new Set(['unit', 'flat', 'room', 'rm', 'floor', 'fl', 'bldg', 'building', 'box']);

export const COUNTRIES = new Set(
  'afghanistan|albania|algeria|argentina|armenia|australia|austria|azerbaijan|belarus|belgium|bolivia|bosnia|brazil|bulgaria|canada|chile|china|colombia|croatia|cyprus|czechia|czech republic|denmark|ecuador|egypt|estonia|finland|france|georgia|germany|greece|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|japan|jordan|kazakhstan|kenya|korea|latvia|lebanon|lithuania|luxembourg|malaysia|malta|mexico|moldova|morocco|netherlands|new zealand|nigeria|norway|pakistan|peru|philippines|poland|portugal|romania|russia|saudi arabia|serbia|singapore|slovakia|slovenia|south africa|spain|sweden|switzerland|taiwan|thailand|tunisia|turkey|ukraine|united kingdom|united states|uruguay|venezuela|vietnam'.split('|'),
);
