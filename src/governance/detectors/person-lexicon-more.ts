// More common given names and surnames by language group, written for Airlock from general knowledge (not copied
// from a data set). Lower case, without accents (the detector folds them). Merged into person-lexicon.ts's sets.

export const MORE_GIVEN = `
abigail ada adele adrienne agatha agnes aileen alberta alexa alfreda alina alma amalia amber anita annabel annie
antonia ariana arlene aurora avery beatrice belinda bernadette bertha beth bethany bianca blanche brenda bridget
brooke caitlin candace cara carla carly carmela carol caroline cecilia celeste celia charlene cindy clara claudia
cora corinne daisy daphne darla deanna deirdre delia della dina dolly doreen doris dorothy edna effie elise ella
eloise elsie elvira enid estelle eugenia eunice eva evangeline fay felicity fern fiona flora florence freda gemma
georgia georgina geraldine gertrude gillian gladys glenda greta gwen gwendolyn harriet hattie heidi helena henrietta
hilda ida imogen ingrid irma isabelle jane janine jeanne jenny jo jocelyn jolene josie joy judy kara karla kate
katrina kay kendra kim kristin laverne leila lena leona lila lilian linda lola lorna louisa louise lucia lucinda
lydia mae maggie mandy marcy margo marguerite maria marian marianne marina marion marla maryann matilda maud maureen
maxine meredith mildred millie minnie moira muriel myra myrtle nadia nadine nancy naomi nell nellie nora noreen
olive opal paula pauline phoebe polly rachelle rebekah rena rhoda rita roberta rosalind rosalie rosie rowena sadie
selma serena shauna sheryl shirley sonia sonya stella susanna susie sybil tabitha tamsin teri thelma tracey trudy
una ursula valerie vanessa velma verna veronica vilma wilma winifred yvette zelda
abe abel abraham alfred alonzo alvin ambrose amos angus archibald arnold barry bennett bernard bert bertram boyd
bradford bruno byron calvin cecil cedric chester clarence claude clifford clifton clyde conrad cornelius cyril
dale damian damon darren delbert derek desmond devin dominic donovan dwight earl edgar edmund elliott ellis elmer
emmett everett ezra floyd forrest gareth garrett gene geoffrey gilbert glen godfrey graham gus harvey herman
horace hubert humphrey irving jasper jeffery jerald jethro julius kieran lamar leonard leroy lester lionel lowell
luther mack marshall maurice mervyn milton monty morris murray nelson neville noel norris ollie orville oswald percy
quentin quincy rex rodney roland roscoe rudolph rufus rupert seth sheldon sidney silas simon solomon spencer
sterling sylvester thaddeus theo thornton tristan ulysses vaughn vernon virgil wallace warren wendell wilbur
wilfred winston woodrow zachariah
mette leif jorgen bent lis birthe jytte kirsti kristin kjersti tone torunn marte maren hedda ingeborg ragna
ronja tuva oda malin elin jonna tilde hjordis svante sten goran bengt lennart leif ulf rolf sune tage torsten
aarne aatos eero eino esko heikki ilkka jaakko jari jukka juha kalevi kari keijo markku matti mikko olli pekka
pentti raimo risto seppo tapani tapio timo toni tuomas ville aila anneli eija eila elina hanna hannele heli
helena irja jaana johanna katja kirsi kristiina leena liisa maarit maija marja merja minna paivi pirjo riitta
ritva satu seija sirpa sari terhi tuula tuulikki ulla
steffen torsten sven-erik jens-uwe detlef egon eberhard gottfried gunther hartmut helmut holger ingo joachim
jochen kai lothar ludwig norbert olaf ottmar rainer reinhard rudiger siegfried ulrich volker waldemar wilfried
anke annegret antje bettina christa dagmar doris edeltraud elfriede gerda gertrud hannelore hildegard ilse
inge irmgard karla liesel lieselotte margarete marianne regina roswitha rosemarie sigrid traudl ute waltraud
gaston henri jerome lucien marcel maurice pascal regis remi serge yves agathe amandine anais aurore bernadette
clemence colette corinne delphine estelle fabienne gisele helene josiane laetitia lucie madeleine mireille
odette paulette solange sylviane yvette
agustin armando arturo benito cesar cristobal domingo efrain ernesto esteban federico felipe gerardo guillermo
hector horacio hugo jaime julio leandro leonel lorenzo marcos mariano nicolas octavio orlando pascual reinaldo
rogelio salvador teodoro ulises valentin adela adriana amparo araceli aurora beatriz catalina celia claudia
concepcion consuelo elvira estela eugenia felisa gloria graciela ines irene josefina leonor lorena lourdes luisa
manuela margarita marisol milagros nieves noelia olga paloma pilar remedios rosalia soledad trinidad yolanda
alessio benedetto cosimo dario edoardo ettore fabio fausto flavio gianfranco giancarlo ivano leonardo luca
maurizio nicola ottavio piero raffaele renato rocco sandro tiziano umberto valerio alba assunta carla carolina
cinzia donatella emma fiorella gabriella ilaria loredana lorella maddalena marcella marisa mirella nadia ornella
patrizia raffaella rossella sabrina serena stefania teresa tiziana vittoria
jakub kuba bartek bogdan bogumil czeslaw damian edward henryk janusz jaroslaw kazimierz leszek lucjan marek
mieczyslaw miroslaw przemyslaw radoslaw roman ryszard slawomir waldemar witold zdzislaw bozena celina grazyna
iwona jolanta justyna karolina kinga lucyna marianna marzena renata stanislawa teresa urszula wanda weronika
bohumil bohuslav dusan ivo jindrich lubomir oldrich radek stanislav vlastimil vojtech blanka dana hedvika
ivana jirina libuse ludmila miroslava radka sarka vlasta zdenka
agnes aniko beata edit erika gizella ibolya ildiko klara marta noemi piroska reka szilvia timea zsofia
akos bela dezso endre geza gyula kalman lajos miklos norbert oszkar pal szabolcs viktor
ahmed ali amir hassan hussein ibrahim karim khalid mohamed mohammed mustafa omar rashid said samir tariq youssef
aisha amina fatima fatma layla leila mariam nadia noor salma samira yasmin zainab zeynep elif emine hatice
mehmet mustafa ahmet huseyin hasan ibrahim ismail osman yusuf murat burak emre kerem
arjun amit anil ashok deepak ganesh rahul rajesh ramesh ravi sanjay suresh vijay anjali deepa kavita lakshmi
neha pooja priya sunita
hiroshi kenji takashi yuki haruto sota yuto akiko keiko yoko naoko yumi sakura wei jun li ming hui xin
olga irina svetlana natalya yelena ekaterina tatiana lyudmila galina anastasia oksana yulia alla valentina
vera nadezhda larisa marina polina ksenia alina daria viktoria
`;

export const MORE_SURNAMES = `
holm lund berg strand dahl lindqvist nyberg sandberg ekström lindgren bergström johansson karlsson nilsson
eriksson larsson olsson persson svensson gustafsson pettersson jonsson hansen jensen nielsen pedersen andersen
christensen larsen sorensen rasmussen jorgensen petersen madsen kristensen olsen thomsen poulsen johansen
korhonen virtanen makinen nieminen makela hamalainen laine heikkinen koskinen jarvinen lehtonen lehtinen
saarinen salminen heinonen niemi heikkila kinnunen salonen turunen
muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schafer koch bauer richter klein
wolf schroder neumann schwarz zimmermann braun kruger hofmann hartmann lange schmitt werner krause meier
lehmann schmid schulze maier kohler herrmann konig walter mayer huber kaiser fuchs peters lang scholz moller
martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel garcia
david bertrand roux vincent fournier morel girard andre lefevre mercier dupont lambert bonnet francois martinez
rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti de luca mancini costa
giordano rizzo lombardi moretti barbieri fontana santoro mariani rinaldi caruso ferrara galli martini leone
longo gentile martinelli
garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez martin jimenez ruiz hernandez diaz moreno
alvarez munoz romero alonso gutierrez navarro torres dominguez vazquez ramos gil ramirez serrano blanco suarez
molina morales ortega delgado castro ortiz rubio marin sanz nunez iglesias medina garrido santos castillo cortes
silva santos ferreira pereira oliveira costa rodrigues martins jesus sousa fernandes goncalves gomes lopes
marques alves almeida ribeiro pinto carvalho teixeira moreira correia mendes nunes soares vieira monteiro cardoso
de jong jansen de vries van den berg van dijk bakker janssen visser smit meijer de boer mulder de groot bos vos
peters hendriks van leeuwen dekker brouwer de wit dijkstra
nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski
jankowski mazur kwiatkowski krawczyk piotrowski grabowski nowakowski pawlowski michalski
novak svoboda novotny dvorak cerny prochazka kucera vesely horak nemec pokorny marek pospisil hajek jelinek
nagy kovacs toth szabo horvath varga kiss molnar nemeth farkas balogh papp takacs juhasz lakatos meszaros
ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev lebedev
semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov
smith johnson williams brown jones miller davis wilson anderson taylor thomas moore jackson white harris
thompson robinson clark lewis walker hall allen king wright scott hill green adams baker nelson carter mitchell
roberts turner phillips campbell parker evans edwards collins stewart morris rogers reed cook morgan bell murphy
bailey cooper richardson cox howard ward peterson gray james watson brooks kelly sanders price bennett wood
barnes ross henderson coleman jenkins perry powell long patterson hughes flores washington butler simmons foster
bryant alexander russell griffin hayes myers ford hamilton graham sullivan wallace woods cole west jordan owens
reynolds fisher ellis harrison gibson mcdonald marshall murray freeman wells webb simpson stevens tucker porter
hunter hicks crawford henry boyd mason kennedy warren dixon burns gordon shaw holmes rice robertson hunt black
daniels palmer mills grant knight ferguson stone hawkins dunn perkins hudson spencer gardner stephens payne
pierce berry matthews arnold wagner willis ray watkins olson carroll duncan snyder hart cunningham bradley lane
andrews ruiz harper fox riley armstrong carpenter weaver greene lawrence elliott chavez sims austin peters kelley
franklin lawson fields ryan schmidt carr vasquez castillo wheeler chapman oliver montgomery richards williamson
johnston banks meyer bishop mccoy howell morrison hansen harvey little burton stanley nguyen george jacobs reid
fuller lynch dean gilbert garrett romero welch larson frazier burke hanson day moreno bowman medina fowler brewer
hoffman carlson silva pearson holland douglas fleming jensen vargas byrd davidson hopkins may terry herrera wade
soto walters curtis neal caldwell lowe jennings barnett graves jimenez horton shelton barrett obrien castro
sutton gregory mckinney lucas miles craig rodriquez chambers holt lambert fletcher watts bates hale rhodes pena
beck newman haynes mcdaniel mendez bush vaughn parks dawson santiago norris hardy love steele curry powers schultz
barker guzman page munoz ball keller chandler weber leonard walsh lyons ramsey wolfe schneider mullins benson
sharp bowen daniel barber cummings hines baldwin griffith valdez hubbard salazar reeves warner stevenson burgess
santos tate cross garner mann mack moss thornton dennis mcgee farmer delgado aguilar vega glover manning cohen
harmon rodgers robbins newton todd blair higgins ingram reese cannon strickland townsend potter goodwin walton
rowe hampton ortega patton swanson joseph francis goodman maldonado yates becker erickson hodges rios conner
adkins webster norman malone hammond flowers cobb moody quinn blake maxwell pope floyd osborne paul mccarthy
guerrero lindsey estrada sandoval gibbs tyler gross fitzgerald stokes doyle sherman saunders wise colon gill
alvarado greer padilla simon waters nunez ballard schwartz mcbride houston christensen klein pratt briggs parsons
mclaughlin zimmerman french buchanan moran copeland roy pittman brady mccormick holloway brock poole frank logan
owen bass marsh drake wong jefferson park morton abbott sparks patrick norton huff clayton massey lloyd figueroa
carson bowers roberson barton tran lamb harrington casey boone cortez clarke mathis singleton wilkins cain bryan
underwood hogan mckenzie collier luna phelps mcguire allison bridges wilkerson nash summers atkins
`;
