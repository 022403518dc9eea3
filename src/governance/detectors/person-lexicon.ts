// Common given names and surnames across many locales, written for Airlock (not copied from a data set). Lower case;
// the detector folds case before looking up. Breadth over depth: a few hundred names per group of languages.

import { MORE_GIVEN, MORE_SURNAMES } from './person-lexicon-more.ts';
import { AMBIGUOUS, STOPWORDS } from './person-stopwords.ts';

const GIVEN = `
alan allen brad bradley craig curtis dustin ernest francis glenn jimmy johnny lance leroy marvin neil norman
randall reginald rodney shane stanley todd travis troy warren wesley clarence cody corey cory darryl duane
edwin franklin gordon herbert jared jerome joel jon lloyd luis marcus martin mitchell nathaniel phillip ricky
ross russell terrence tony trevor vernon wade willard aidan brendan colm cian
brad brett chad chris clint colin dean drew gavin grant hugh ian jake jamie jeff jim kent kirk kurt lee leon
malcolm matt mike nick nigel rob russ sam stuart ted tim tom trent vince
alexandra alison allison alyssa angelina annette april audrey bonnie brianna carmen carrie cassandra claire
colleen courtney crystal dana darlene dawn debbie delores edith eileen elaine eleanor ellen erica erika erin
esther ethel gail geraldine gina hazel holly irene jacqueline jasmine jeanette jenna jill joann joanne jordan
josephine juanita june katie kathy kristen kristina kylie leah lillian lois loretta lorraine lucille mabel
marcia marjorie marlene marsha melinda miranda molly monica nina norma paige peggy phyllis priscilla rachael
regina renee rhonda roberta robin rosa rosemary roxanne sabrina sally shannon sheila sherry stacy sylvia tamara
tanya tara tina tracy vera vicki viola vivian wanda wendy yolanda yvonne
natasha
sanna saara aino helmi iida emilia ilona noora veera venla
ahmad hamid reza mahmud yasin emir kemal selim
mateusz kacper szymon filip wiktor oliwia julia zuzanna maja lena alicja
aleksander aleksandr anatoly arkady evgeny fyodor gennady grigory konstantin leonid lev nikita pyotr semyon
stanislav vadim valery vasily vitaly yaroslav yevgeny zakhar darya inna kira lidia margarita milena nina
raisa sofya taisiya tamara ulyana varvara yana zhanna
brandur einar eirik frode geir haakon harald jarle kjell knut odd per rune steinar svein terje tor trond
vidar aud bente berit eli gro gunn hege hilde kari marit randi siri torill turid unni vigdis
aksel anton august axel birger carl edvin elias elis emil folke gustav hampus hjalmar holger isak ivar
joakim kalle kent linus ludvig melker nils oscar otto sixten stig ture valter viggo agnes alva alma ebba
edith elsa elvira frida greta hedda hedvig hilma ines jenny julia klara linnea lovisa matilda moa nora ronja
saga siv stina svea tilda tyra vera wilma
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony donald steven
paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
stephen larry justin scott brandon benjamin samuel gregory alexander patrick raymond dennis jerry tyler aaron jose adam
nathan henry douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl
harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy
vincent liam roy ralph eugene russell bobby louis philip johnny howard fred harry isaac oscar owen luke leo hugo felix
theodore oliver lucas jack alfie archie freddie toby finley reuben rory callum connor declan liam ciaran niall eoin
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly
emily donna michelle carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna
brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane
ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
martha gloria teresa sara madison frances kathryn janice jean abigail alice judy sophia denise marilyn danielle beverly
isabella theresa diana natalie brittany charlotte marie kayla alexis lori tiffany melanie amelia isla ava mia
ella chloe lucy sophie zoe ellie freya poppy jessica caitlin kaitlyn isabel
matthias sven lars nils jens morten mads rasmus soren anders henrik jesper kasper mikkel frederik niels ole poul
magnus kristian bjorn erik olaf gunnar ingrid astrid sigrid karin kerstin birgitta britt annika ulla lena maja freja
ida signe sofie mathilde caroline nanna camilla trine pernille helle hanne lone kirsten inger tove liv solveig ragnhild
hans peter klaus jurgen wolfgang dieter uwe gunter horst manfred helmut werner gerhard heinz karl friedrich wilhelm
heinrich ernst otto fritz kurt rolf stefan andreas thorsten jorg matthias tobias florian lukas jonas leon finn niklas
sebastian maximilian moritz johannes julian philipp marcel dominik timo jannik ursula monika petra sabine renate
brigitte gisela helga birgit claudia susanne andrea nicole katrin stefanie anja tanja silke heike jutta elke ute
jean pierre jacques michel philippe alain bernard christophe francois nicolas olivier laurent thierry sebastien vincent
julien guillaume antoine mathieu maxime romain clement hugo theo louis gabriel raphael arthur jules baptiste
marie nathalie isabelle sylvie catherine francoise monique valerie sandrine celine aurelie emilie camille manon chloe
ines lea juliette margaux pauline mathilde elodie amelie juliette josephine brigitte genevieve
jose antonio manuel francisco juan javier carlos miguel rafael pedro alejandro fernando luis pablo sergio jorge
alberto diego raul enrique ramon vicente andres joaquin eduardo ignacio alvaro adrian ruben oscar mario victor jesus
fabio rodrigo gustavo ricardo mauricio marcelo gonzalo emilio tomas santiago mateo matias
carmen dolores pilar isabel josefa rosario mercedes lucia elena paula laura marta cristina beatriz raquel silvia
rocio alicia irene sonia nuria susana patricia montserrat inmaculada esperanza consuelo guadalupe ximena valentina
camila daniela sofia martina florencia agustina
giuseppe giovanni antonio mario luigi francesco angelo vincenzo pietro salvatore carlo franco domenico bruno paolo
michele giorgio aldo sergio luciano marco alessandro andrea stefano massimo roberto fabrizio lorenzo matteo riccardo
davide simone federico gianni gianluca enrico emanuele
giulia francesca chiara federica sara valentina alessia martina elisa silvia giorgia elena anna rosa angela lucia
giuseppina concetta antonella rita paola daniela roberta simona monica barbara cristina
joao jose antonio francisco manuel pedro paulo lucas gabriel rafael gustavo felipe bruno thiago diego rodrigo
leonardo matheus vinicius eduardo andre marcos luiz fernando sergio ana maria francisca antonia adriana juliana
marcia fernanda patricia aline beatriz leticia larissa amanda bruna camila jessica mariana gabriela rafaela
jan piet kees henk johan willem gerrit hendrik cornelis dirk bram daan sem thijs ruben joost maarten sander bas
jeroen wouter pieter anke ingrid marieke sanne lotte femke eva anouk iris fleur lieke emma
piotr krzysztof andrzej tomasz pawel michal marcin jakub grzegorz adam lukasz mariusz wojciech dariusz mateusz
kamil rafal jacek robert bartosz maciej artur sebastian jerzy zbigniew stanislaw tadeusz wieslaw
anna maria katarzyna malgorzata agnieszka barbara ewa krystyna elzbieta zofia joanna magdalena monika aleksandra
natalia dorota beata jadwiga danuta halina irena
jiri petr josef pavel jaroslav martin tomas miroslav frantisek zdenek vaclav karel milan ladislav lukas jakub
jana marie eva hana anna lenka katerina lucie alena petra veronika jaroslava tereza marketa zuzana
laszlo istvan jozsef janos zoltan sandor gabor ferenc attila peter tamas zsolt imre gyorgy andras tibor csaba
erzsebet katalin ilona eva anna zsuzsanna julianna margit judit agnes andrea krisztina
ivan dmitri dmitry sergei sergey alexei alexey andrei andrey nikolai vladimir mikhail pavel yuri igor oleg boris
viktor maxim artem anton denis roman ruslan timur rustam kirill egor ilya vladislav
olga natalia tatiana svetlana elena irina anna marina ekaterina yulia ludmila galina larisa nadezhda vera
lyudmila oksana anastasia daria polina ksenia alina zoya valentina vanessa
ahmed mohammed muhammad mohamed ali omar hassan hussein khalid yusuf ibrahim mahmoud mustafa abdullah karim
tariq samir nabil walid rashid hamza bilal amir zaid fatima aisha khadija mariam zainab layla leila noor yasmin
amina salma huda rania dina hana nadia samira
mehmet ahmet mustafa ali huseyin hasan ibrahim ismail osman yusuf murat emre burak can cem kerem
ayse fatma emine hatice zeynep elif merve busra esra ozlem
raj rahul amit vijay sanjay suresh ramesh rajesh anil sunil arjun vikram ravi krishna deepak manoj ashok
priya pooja anjali neha sunita kavita lakshmi divya meera radha sita aarav vivaan aditya ananya diya
wei jing li ming hui yan hong lei jun tao xin yu chen hao yang min ling mei xiao zhang
hiroshi takashi kenji yuki haruto sota yuto ren kaito akira satoshi naoko yoko keiko yumiko sakura
hana yui aoi mio rin asuka
minjun seojun jiho jiwoo seoyeon jimin hyun jun soo young
nguyen minh anh duc thanh hung linh lan mai huong trang
yiannis giorgos dimitris nikos kostas panagiotis vasilis christos eleni maria katerina georgia sofia
juhani mikko jukka matti timo kari pekka antti ville juha ari jari heikki markku
tuula leena anneli sari paivi riitta pirjo tiina marja hanna minna
jon gudrun sigurdur jonas matthias olafur bjarni helga kristin sigridur
adriana aleksandar nikola marko stefan milan dragan zoran goran dejan nenad bojan ivana jelena milica
sari leena ruth naomi olga eva wiktor
`;

const SURNAMES = `
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson
thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker
young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell
carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy
cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson
brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross
foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes fisher vasquez simmons
graves romero jordan patterson alexander hamilton graham reynolds griffin wallace west cole hayes bryant herrera
gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods
washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter
gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone
salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne
grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham
duncan armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews
pena richards contreras willis carpenter lawrence sandoval guerrero george chapman rios estrada ortega watkins
greene nunez wheeler valdez harper burke larson santiago maldonado morrison franklin carlson austin dominguez
carr lawson jacobs obrien lynch singh vega bishop montgomery oliver jensen harvey williamson gilbert dean sims
espinoza howell li wong reid hanson le mccoy garrett burton fuller wang weber welch rojas lucas marquez fields
park yang little banks padilla day walsh bowman schultz luna fowler mejia davidson acosta brewer may holland juarez
newman pearson curtis cortez douglas schneider joseph barrett navarro figueroa keller avila wade molina stanley
hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier powers neal
leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts duran walters cohen mcdaniel
moran parks steele vaughn becker holt deleon barker terry hale leon hail benson haynes horton miles lyons pham
graves bush thornton wolfe warner cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love robles
cervantes solis erickson reeves chang klein salinas fuentes baldwin daniel simon velasquez hardy higgins aguirre
lin cummings chandler sharp barber bowen ochoa dennis robbins liu ramsey francis griffith paul blair oconnor
cardenas pacheco cross calderon quinn moss swanson chan rivas khan rodgers serrano fitzgerald rosales stevenson
christensen manning gill curry mclaughlin harmon mcgee gross doyle garner newton burgess reese walton blake trujillo
adkins brady goodman roman webster goodwin fischer huang potter delacruz montoya todd wu hines mullins castaneda
malone cannon tate mack sherman hubbard hodges zhang guerra wolf valencia saunders franco rowe gallagher farmer
hammond hampton townsend ingram wise gallegos clarke barton schroeder maxwell waters logan camacho strickland
norman person colon parsons frank harrington glover osborne buchanan casey floyd patton ibarra ball tyler suarez
bowers orozco salas cobb gibbs andrade bauer conner moody escobar mcguire lloyd mueller hartman french kramer
mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh macias villanueva zamora pratt
stokes owen ballard lang brock villarreal charles drake barrera cain patrick pineda burnett mercado santana shepherd
bautista ali shaffer lamb trevino mckenzie hess beil olsen cochran morton nash wilkins petersen briggs shah roth
nicholson holloway lozano rangel flowers hoover short arias mora valenzuela bryan meyers weiss underwood bass
greer summers houston carson morrow clayton whitaker decker yoder collier zuniga carey wilcox melendez poole
roberson larsen conley davenport copeland massey lam huff rocha cameron jefferson hood monroe anthony pittman
huynh randall singleton kirk combs mathis christian skinner bradford richard galvan wall boone kirby wilkinson
bridges bruce atkinson velez roy vincent york hodge villa abbott allison tapia gates chase sosa sweeney
farrell wyatt dalton horn barron phelps yu dickerson heath foley atkins mathews bonilla acevedo benitez zavala
hensley glenn cisneros harrell shields rubio huffman choi boyer garrison arroyo bond kane hancock callahan dillon
cline wiggins grimes arellano melton oneill savage ho beltran pitts parrish ponce rich booth koch golden ware
brennan mcdowell marks cantu humphrey baxter sawyer clay tanner hutchinson kaur berg wiley gilmore russo villegas
hobbs keith wilkerson ahmed beard mcclain montes mata rosario vang walter henson oneal mosley mcclure beasley
stephenson snow huerta preston vance barry johns eaton blackwell dyer prince macdonald solomon guevara stafford
english hurst woodard cortes shannon kemp nolan mccullough merritt murillo moon salgado strong kline cordova
barajas roach rosas winters jacobson lester knox bullock kerr leach meadows davila orr whitehead pruitt kent
conway mckee barr david dejesus marin berger mcintyre blankenship gaines palacios cuevas bartlett durham dorsey
mccall odonnell stein browning stout lowery sloan mclean hendricks calhoun sexton chung gentry hull duarte ellison
nielsen gillespie buck middleton sellers leblanc esparza hardin bradshaw mcintosh howe livingston frost glass
morse knapp herman stark bravo noble spears weeks corona frederick buckley mcfarland hebert enriquez hickman
quintero randolph schaefer walls trejo house reilly pennington michael conrad giles benjamin crosby fitzpatrick
donovan mays mahoney valentine raymond medrano hahn mcmillan small bentley felix peck lucero boyle hanna pace
rush hurley harding mcconnell bernal nava ayers everett ventura avery pugh mayer bender shepard mcmahon landry
case sampson moses magana blackburn dunlap gould duffy vaughan herring mckay espinosa rivers farley bernard ashley
friedman potts truong costa correa blevins nixon clements fry delarosa best benton lugo dougherty crane
haley phan villalobos blanchard horne finley quintana lynn esquivel bean dodson mullen xiong hayden cano levy
huber richmond moyer lim frye sheppard mccarty avalos booker waller parra woodward jaramillo krueger rasmussen
brandt peralta donaldson stuart faulkner maynard galindo coffey estes sanford burch maddox vo oconnell vu andersen
spence mcpherson church schmitt stanton leal cherry compton dudley sierra pollard alfaro hester proctor lu hinton
novak good madden mccann terrell jarvis dickson reyna cantrell mayo branch hendrix rollins rowland whitney duke
odom daugherty travis tang archer
muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schafer koch bauer richter klein wolf
schroder neumann schwarz zimmermann braun kruger hofmann hartmann lange schmitt werner schmitz krause meier lehmann
schmid schulze maier kohler herrmann konig walter mayer huber kaiser fuchs peters lang scholz moller weiss jung
hahn schubert vogel friedrich keller gunther frank berger winkler roth beck lorenz baumann franke albrecht schuster
simon ludwig bohm winter kraus martin schumacher kramer vogt stein jager otto sommer gross seidel heinrich brandt
haas schreiber graf schulte dietrich ziegler kuhn kuhl pohl engel horn busch bergmann thomas voigt sauer arnold
wolff pfeiffer
martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel garcia david
bertrand roux vincent fournier morel girard andre lefevre mercier dupont lambert bonnet francois martinez legrand
garnier faure rousseau blanc guerin muller henry roussel nicolas perrin morin mathieu clement gauthier dumont lopez
fontaine chevalier robin masson sanchez gerard nguyen boyer denis lemaire duval joly gautier roger roche roy noel
meyer lucas meunier jean perez marchand dufour blanchard marie barbier brun dumas brunet schmitt leroux colin
fernandez pierre renard arnaud rolland caron aubert giraud leclerc vidal bourgeois renaud lemoine picard gaillard
philippe leclercq lacroix fabre dupuis olivier rodriguez da silva hubert louis charles guillot riviere le gall
rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti de luca mancini costa
giordano rizzo lombardi moretti barbieri fontana santoro mariani rinaldi caruso ferrara galli martini leone longo
gentile martinelli vitale lombardo serra coppola de santis d'angelo marchetti parisi villa conte ferraro ferri fabbri
bianco marini grasso valentini messina sala de angelis gatti pellegrini palumbo sanna farina rizzi monti cattaneo
morelli amato silvestri mazza testa grassi pellegrino carbone giuliani benedetti barone rossetti caputo montanari
guerra palmieri bernardi martino fiore de rosa ferretti bellini basile riva donati piras vitali battaglia sartori
neri costantini milani pagano ruggiero sorrentino d'amico orlando damico negri
garcia gonzalez rodriguez fernandez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez diaz moreno
alvarez munoz romero alonso gutierrez navarro torres dominguez vazquez ramos gil ramirez serrano blanco suarez
molina morales ortega delgado castro ortiz rubio marin sanz nunez iglesias medina garrido cortes castillo santos
lozano guerrero cano prieto mendez cruz calvo gallego vidal leon marquez herrera pena flores cabrera campos vega
fuentes carrasco diez caballero reyes nieto aguilar pascual santana herrero lorenzo montero hidalgo gimenez ibanez
ferrer duran santiago benitez mora vicente vargas arias carmona crespo roman pastor soto saez velasco moya soler
parra esteban bravo gallardo rojas zamora
silva santos oliveira souza rodrigues ferreira alves pereira lima gomes costa ribeiro martins carvalho almeida
lopes soares fernandes vieira barbosa rocha dias nascimento andrade moreira nunes marques machado mendes freitas
cardoso ramos goncalves santana teixeira
de jong jansen de vries van den berg van dijk bakker janssen visser smit meijer de boer mulder de groot bos vos
peters hendriks van leeuwen dekker brouwer de wit dijkstra smits de graaf van der meer van der linden kok jacobs
de haan vermeulen van den heuvel van der veen van den broek de bruijn de bruin van der heijden schouten van beek
willems van vliet van de ven hoekstra maas verhoeven koster van dam van der wal prins blom huisman peeters
nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski
jankowski mazur kwiatkowski krawczyk piotrowski grabowski nowakowski pawlowski michalski nowicki adamczyk dudek
zajac wieczorek jablonski krol majewski olszewski jaworski wrobel malinowski pawlak witkowski walczak stepien gorski
rutkowski michalak sikora ostrowski baran duda szewczyk tomaszewski pietrzak marciniak wroblewski zalewski jakubowski
kaczmarek gorski
novak svoboda novotny dvorak cerny prochazka kucera vesely horak nemec pospisil marek hajek jelinek kral ruzicka
benes fiala sedlacek dolezal zeman kolar navratil cermak vanek urban blaha
nagy kovacs toth szabo horvath varga kiss molnar nemeth farkas balogh papp takacs juhasz lakatos meszaros olah
simon racz fekete szilagyi torok feher balazs gal kis szucs kocsis orsos pinter fodor szalai sipos magyar lukacs
ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev lebedev
semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov zaitsev soloviev borisov
yakovlev grigoriev romanov vorobiev sergeev kuzmin frolov alexandrov dmitriev korolev gusev kiselev ilyin maksimov
polyakov sorokin vinogradov kovalev belov medvedev antonov tarasov zhukov baranov filippov komarov davydov belyaev
gerasimov bogdanov osipov sidorov matveev titov marchenko kovalenko bondarenko shevchenko kravchenko tkachenko
andersen nielsen hansen pedersen larsen sorensen rasmussen jorgensen petersen madsen kristensen olsen thomsen
christiansen poulsen johansen moller mortensen jensen
johansson andersson karlsson nilsson eriksson larsson olsson persson svensson gustafsson pettersson jonsson
jansson hansson bengtsson lindberg jakobsson magnusson lindstrom lindqvist lindgren berglund fredriksson sandberg
henriksson forsberg sjoberg wallin engstrom eklund danielsson lundqvist lundgren bergstrom
korhonen virtanen makinen nieminen makela hamalainen laine heikkinen koskinen jarvinen lehtonen lehtinen saarinen
salminen heinonen niemi heikkila kinnunen salonen turunen salo laitinen tuominen rantanen karjalainen jokinen
mattila savolainen lahtinen ahonen
jonsdottir sigurdsson gudmundsson jonsson olafsson kristjansson magnusson einarsson stefansson
arnason
papadopoulos papadakis georgiou dimitriou nikolaou ioannou konstantinou christodoulou
yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic aslan cetin kara koc kurt
sharma verma gupta kumar singh patel shah mehta joshi reddy rao nair iyer menon pillai das bose chatterjee
mukherjee banerjee ghosh sen dutta
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi
matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto
kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song yoo hong
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly
`;

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
export const GIVEN_NAMES: ReadonlySet<string> = new Set([...words(GIVEN), ...words(MORE_GIVEN)]);
// The added surnames leave out everyday words ("White", "Park"): alone they stay ambiguous, and in a run they would
// make headings look like names.
export const SURNAME_SET: ReadonlySet<string> = new Set([
  ...words(SURNAMES),
  ...words(MORE_SURNAMES).filter((w) => !AMBIGUOUS.has(w) && !STOPWORDS.has(w)),
]);
