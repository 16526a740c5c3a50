"""The en-clearnlp grammar on every construction the core promises.

Expected bindings are written from linguistic judgement, not copied from parser output: where
the small spaCy model mis-parses (a colour tagged NOUN, "rose" tagged VERB, "hydrant" tagged
ADV), the grammar's repairs are what make these pass.
"""

from __future__ import annotations

import pytest
from conftest import bindings, ends_within, graph_bindings, hand_graph, kinds, relations, tagged

CASES = {
    # adjectives and participles (amod)
    "a pink sunflower and a yellow flamingo": {"sunflower": {"pink"}, "flamingo": {"yellow"}},
    "a sliced apple": {"apple": {"sliced"}},
    "a sleeping dog": {"dog": {"sleeping"}},
    "a horned lion and a spotted monkey": {"lion": {"horned"}, "monkey": {"spotted"}},
    "a checkered bowl and a curved bench": {"bowl": {"checkered"}, "bench": {"curved"}},
    # noun adjuncts (compound)
    "a fire hydrant": {"hydrant": {"fire"}},
    "a wooden crown and a furry baby rabbit and a pink metal bench": {
        "crown": {"wooden"}, "rabbit": {"furry", "baby"}, "bench": {"pink", "metal"}},
    "a purple teddy bear": {"bear": {"purple", "teddy"}},
    # coordinated modifiers
    "a red and blue table": {"table": {"red", "blue"}},
    "a red, white and blue flag": {"flag": {"red", "white", "blue"}},
    # nested modifiers
    "a bright red car": {"car": {"bright", "red"}},
    "a very tall tree": {"tree": {"very", "tall"}},
    "an extremely large dog": {"dog": {"extremely", "large"}},
    # predicatives
    "the car is red": {"car": {"red"}},
    "the dog looks happy": {"dog": {"happy"}},
    "the apple is red and the banana is yellow": {"apple": {"red"}, "banana": {"yellow"}},
    "the car is red and shiny": {"car": {"red", "shiny"}},
    # relative clauses, both of them
    "a dog that is red and a cat that is blue": {"dog": {"red"}, "cat": {"blue"}},
    "a car that is bright red": {"car": {"bright", "red"}},
    # postnominal
    "a lake, calm and silver": {"lake": {"calm", "silver"}},
    # counts
    "three red apples": {"apples": {"three", "red"}},
    "two dogs and a cat": {"dogs": {"two"}, "cat": set()},
    "several red apples": {"apples": {"several", "red"}},
    # hyphenated words are one modifier
    "a black-and-white cat": {"cat": {"black-and-white"}},
    "a long-haired dog": {"dog": {"long-haired"}},
    "a cat-shaped cloud": {"cloud": {"cat-shaped"}},
    "a t-shirt": {"t-shirt": set()},
    # multi-word colours
    "a light blue car": {"car": {"light", "blue"}},
    "a navy blue shirt": {"shirt": {"navy", "blue"}},
    # entities without modifiers are entities too
    "a cat": {"cat": set()},
    "a cat and a dog": {"cat": set(), "dog": set()},
    # verb-mediated attachment: red binds hat, not dog
    "a dog wearing a red hat": {"dog": set(), "hat": {"red"}},
    "a man in a red shirt riding a horse": {"man": set(), "shirt": {"red"}, "horse": set()},
    # relations between entities
    "a cat with blue eyes": {"cat": set(), "eyes": {"blue"}},
    "a cup of coffee": {"cup": set(), "coffee": set()},
    # article-less conjuncts
    "a red apple and yellow bananas": {"apple": {"red"}, "bananas": {"yellow"}},
    # small-model tagging errors handled with lexical knowledge
    "a red rose": {"rose": {"red"}},
    "a white rose and a red tulip": {"rose": {"white"}, "tulip": {"red"}},
    "an orange cat": {"cat": {"orange"}},
    "an orange and a banana": {"orange": set(), "banana": set()},
    "a red and a blue car": {"car": {"red", "blue"}},
    "a man in grey shirt and yellow shorts playing tennis": {
        "man": set(), "shirt": {"grey"}, "shorts": {"yellow"}},
    "a basketball and a red hoop": {"basketball": set(), "hoop": {"red"}},
    "the grey and yellow cat is playing with a small white toy": {
        "cat": {"grey", "yellow", "playing"}, "toy": {"small", "white"}},
    "a green silver and orange train": {"train": {"green", "silver", "orange"}},
    "a diamond brooch and a round pendant": {"brooch": {"diamond"}, "pendant": {"round"}},
    # passive participles describe their subject
    "the walls are painted light blue": {"walls": {"painted", "light", "blue"}},
    "an apple that is sliced": {"apple": {"sliced"}},
    # ... with or without an agent: the passive is a state of its subject (the agent is also
    # a relation)
    "a cat chased by a dog": {"cat": {"chased"}, "dog": set()},
    "a cabin surrounded by pine trees": {"cabin": {"surrounded"}, "trees": {"pine"}},
    # progressive participles without an object describe their subject
    "a cat is sleeping on the couch": {"cat": {"sleeping"}, "couch": set()},
    "the dog is eating a bone": {"dog": set(), "bone": set()},
    # abstract nouns: qualities and events
    "the sofa provided comfort in the living room": {"sofa": set(), "room": {"living"}},
    # aspects and quantity nouns pass their describing words on; sizes stay with the group
    "the soft, plush texture of the fur coat": {"coat": {"soft", "plush", "fur"}},
    "a diamond necklace and a round pair of earrings": {"necklace": {"diamond"},
                                                        "earrings": {"round"}},
    "a small group of knights": {"knights": set()},
    # frames and place nouns are entities where they name a thing
    "the rectangular painting was hung above the couch": {
        "painting": {"rectangular", "hung"}, "couch": set()},
    "a lamp with a triangular top": {"lamp": set(), "top": {"triangular"}},
    "wildlife photo of a lion": {"lion": set()},
    # picture words describe no depicted thing
    "a wooden bench, highly detailed, 8k": {"bench": {"wooden"}},
    # numerals count the noun of their phrase; cooking participles
    "12 red roses and 1 white rose": {"roses": {"12", "red"}, "rose": {"1", "white"}},
    "fried eggs and grilled sausages": {"eggs": {"fried"}, "sausages": {"grilled"}},
    # shared participles, participles heading a clause
    "cats and dogs playing in a garden": {"cats": {"playing"}, "dogs": {"playing"},
                                          "garden": set()},
    "a vintage car which is painted mint green": {
        "car": {"vintage", "painted", "mint", "green"}},
    "a child who is crying": {"child": {"crying"}},
    # shape adjectives the small model tags as nouns, and nouns it tags as verbs
    "a pentagonal street sign and a pyramidal bookend": {
        "sign": {"pentagonal", "street"}, "bookend": {"pyramidal"}},
    # a participle the small model made the head of the noun before it
    # ("alone", like "together", says where things are, not how they look: no modifier)
    "a zebra standing alone in the snow": {"zebra": {"standing"}, "snow": set()},
    "a small giraffe standing in tall grass": {"giraffe": {"small", "standing"},
                                               "grass": {"tall"}},
    "a headboard with its diamond tufting and rectangular frame": {
        "headboard": set(), "tufting": {"diamond"}, "frame": {"rectangular"}},
    # a participle after an "in" phrase describes its owner; colours worn describe the wearer
    "a man in a red shirt standing next to a truck": {"man": {"standing"}, "shirt": {"red"},
                                                      "truck": set()},
    "a man wearing black with an orange backpack": {"man": {"black"},
                                                    "backpack": {"orange"}},
    # a participle after a "with" phrase: worn or had things -> the animate owner; a place
    # "with" something keeps the participle on that thing; "filled with" passes it on
    "a cat with a pink ribbon sleeping on a cushion": {"cat": {"sleeping"}, "ribbon": {"pink"},
                                                       "cushion": set()},
    "a garden with a rabbit hiding under a bush": {"garden": set(), "rabbit": {"hiding"},
                                                   "bush": set()},
    "a jar filled with cookies standing on a shelf": {"jar": {"filled", "standing"},
                                                      "cookies": set(), "shelf": set()},
    # a bare colour after "in" describes what is in it
    "a knight in silver riding a horse": {"knight": {"silver"}, "horse": set()},
    # a colour as a verb's complement describes the subject; an adjective is no object
    "the traffic lights glow green": {"lights": {"traffic", "green"}},
    "a boat painted yellow": {"boat": {"painted", "yellow"}},
    "a taxi parked by the curb": {"taxi": {"parked"}, "curb": set()},
    # colour nouns name a colour unless the word names a thing too
    "a fox sitting in the white": {"fox": {"sitting"}},
    "a lime and a lemon": {"lime": set(), "lemon": set()},
    # determinative adjectives pick out, they do not describe
    "another dog in the other chair": {"dog": set(), "chair": set()},
    "a small amount of sugar": {"sugar": set()},
    # place nouns name a thing with an indefinite article or a describing word of their own
    "a vase against a grey background": {"vase": set(), "background": {"grey"}},
    "a boy in a striped top": {"boy": set(), "top": {"striped"}},
    "a tree in the background": {"tree": set()},
    # negated nouns are not drawn; undescribed parts named through their whole neither
    "a plate with no food": {"plate": set()},
    "a puppy licking its paws": {"puppy": set()},
    "a sparrow on the roof of a barn": {"sparrow": set(), "barn": set()},
    "a puppy with floppy ears": {"puppy": set(), "ears": {"floppy"}},
    # a known noun tagged as a verb after a singular noun closes the compound; a participle
    # with its own phrase or object is no noun closing an adjective run
    "a yellow stop sign standing near a fence": {"sign": {"yellow", "stop", "standing"},
                                                 "fence": set()},
    "three pink teddy bears with bows": {"bears": {"three", "pink", "teddy"}, "bows": set()},
    "a girl dressed in pink sitting on a bench": {"girl": {"dressed", "pink", "sitting"},
                                                  "bench": set()},
    "a boy wearing green carrying a kite": {"boy": {"green"}, "kite": set()},
    # captions are noun phrases: a regular -ed verb after a subject without "the" is a
    # reduced relative; after "the" it stays a finite verb
    "a grey van parked outside a shop": {"van": {"grey", "parked"}, "shop": set()},
    "a kitten curled up on a pillow": {"kitten": {"curled"}, "pillow": set()},
    "The wind rattled the old shutters": {"shutters": {"old"}},
    # predicatives the small model mis-tags or coordinates with the copula
    "the croissant looks golden": {"croissant": {"golden"}},
    "its walls are thick and white": {"walls": {"thick", "white"}},
    "honey dripping from a spoon": {"honey": {"dripping"}, "spoon": set()},
    # emoji are no words of the noun phrase; a quoted word is mentioned, not drawn
    "a green turtle shell 🐢 on the sand": {"shell": {"green", "turtle"}, "sand": set()},
    "a banner that reads “WELCOME” above a door": {"banner": set(), "door": set()},
    # known intransitive verbs the small model reads as a compound's head, and "nouns" with
    # a subject of their own, are verbs
    "a spotted cat naps on the sofa": {"cat": {"spotted"}, "sofa": set()},
    "a small fish darts under a rock": {"fish": {"small"}, "rock": set()},
    # object predicatives describe the object, depictives the subject
    "the children painted the fence green": {"children": set(), "fence": {"green"}},
    "a sailor kept the ropes tight": {"sailor": set(), "ropes": {"tight"}},
    "the deer stood tall in the meadow": {"deer": {"tall"}, "meadow": set()},
    # an activity read as the head of a compound ("skirt playing soccer") is the object of
    # the participle; the garment is the entity
    "a girl in pink skirt playing soccer": {"girl": set(), "skirt": {"pink"}},
    # participles after coordinated nouns are shared, also past participles and those the
    # parser hangs on the last conjunct, unless only one of the nouns can do it
    "a cup and a saucer left on the counter": {"cup": {"left"}, "saucer": {"left"},
                                               "counter": set()},
    "two large ducks and a small duck swimming in the pond": {
        "ducks": {"two", "large", "swimming"}, "duck": {"small", "swimming"}, "pond": set()},
    "a blue vase on the shelf and a kitten sleeping on the rug": {
        "vase": {"blue"}, "shelf": set(), "kitten": {"sleeping"}, "rug": set()},
    # a known noun tagged as a modal that helps no verb; a bare noun before an apposed noun
    "a table holds a crushed soda can, a pen and a mug": {
        "table": set(), "can": {"crushed", "soda"}, "pen": set(), "mug": set()},
    "a cup, a bowl and metal spoon on a tray": {"cup": set(), "bowl": set(),
                                                "spoon": {"metal"}, "tray": set()},
    # "art" frames a depiction like "painting"; a surface is an aspect of its thing
    "fantasy art, a knight on a horse": {"knight": set(), "horse": set()},
    "a framed art above the sofa": {"art": {"framed"}, "sofa": set()},
    "the rough surface of the old stone wall": {"wall": {"rough", "old", "stone"}},
    # "dressed in green riding a horse" read as [in [green riding]]: riding is the jockey's
    "a jockey dressed in green riding a grey horse": {"jockey": {"dressed", "green"},
                                                      "horse": {"grey"}},
    # a known -ing noun after a thing is a compound's head; after a person, what they do
    "a donut with white sugar icing on a napkin": {"donut": set(), "icing": {"white", "sugar"},
                                                   "napkin": set()},
    "a boy drawing on the pavement": {"boy": {"drawing"}, "pavement": set()},
    # what describes a pro-form describes its antecedent
    "two kittens and one that is grey": {"kittens": {"two", "grey"}},
    "a yellow tulip and a red one": {"tulip": {"yellow", "red"}},
    "three boats, one of them is blue": {"boats": {"three", "blue"}},
    # participles used as adjectives
    "a blue checked tablecloth on a table": {"tablecloth": {"blue", "checked"},
                                             "table": set()},
    # a known noun tagged as a pronoun after a modifier
    "a walnut bookshelf near the window": {"bookshelf": {"walnut"}, "window": set()},
    # participles the small model parses as finite verbs inside a noun phrase
    "a baby spotted rabbit and a green banana": {"rabbit": {"baby", "spotted"},
                                                 "banana": {"green"}},
    "a brown sleepy spotted cat": {"cat": {"brown", "sleepy", "spotted"}},
    "a purple spotted sleepy bird and a teal curved surfboard": {
        "bird": {"purple", "spotted", "sleepy"}, "surfboard": {"teal", "curved"}},
    # abstract nouns are not entities
    "a photo of a brown dog": {"dog": {"brown"}},
    "A Photo Of A Red Car": {"Car": {"Red"}},
    "a group of people": {"people": set()},
    "a pair of red shoes": {"shoes": {"red"}},
    # a colour a participle is in describes the participle's noun
    "a truck painted in white": {"truck": {"painted", "white"}},
    "a man sitting in red": {"man": {"sitting", "red"}},
    "a uniform trimmed in blue and gold": {"uniform": {"trimmed", "blue", "gold"}},
    # a predicate of a collection describes its members; its size is the collection's
    "a pair of scissors being used": {"scissors": {"used"}},
    "a bunch of bananas is ripe": {"bananas": {"ripe"}},
    "a group of people is large": {"people": set()},
    # a numeral heading its phrase stands for its antecedent; a clause with its own subject
    # describes nothing of the first
    "three kites in the sky, two are red": {"kites": {"three", "red"}, "sky": set()},
    "a dog is running and you can see it": {"dog": {"running"}},
    # a singular verb takes the last conjunct as subject; "their legs" is an undescribed part
    "two horses grazing and you can not see their legs and one in the middle is brown": {
        "horses": {"two", "grazing", "brown"}},
    # a relative clause with a subject noun of its own ("whose roof") describes that noun
    "a house whose roof is covered in moss": {"house": set(), "roof": {"covered"},
                                              "moss": set()},
    "a dog whose fur is white": {"dog": set(), "fur": {"white"}},
    "a house whose roof is painted in red": {"house": set(), "roof": {"painted", "red"}},
    # a participle hung on a frame describes what the frame shows, unless it has a subject
    "an illustration of a girl with red hair, wearing a hat, standing under a tree": {
        "girl": {"standing"}, "hair": {"red"}, "hat": set(), "tree": set()},
    "a photo of a dog with a red collar, sitting on a bench": {
        "dog": {"sitting"}, "collar": {"red"}, "bench": set()},
    "a photo of two cats, crystals jutting out of the ground": {
        "cats": {"two"}, "crystals": {"jutting"}, "ground": set()},
    # a participle coordinated with the noun's first participle describes the noun
    "a cute corgi wearing sunglasses, sitting on a beach chair": {
        "corgi": {"cute", "sitting"}, "sunglasses": set(), "chair": {"beach"}},
    "an old man with a long white beard, holding a lantern, standing in the rain": {
        "man": {"old", "standing"}, "beard": {"long", "white"}, "lantern": set(),
        "rain": set()},
    # a finite "verb" as the subject of the participle after it is a noun
    "a cozy cabin in the snowy mountains, smoke rising from the chimney": {
        "cabin": {"cozy"}, "mountains": {"snowy"}, "smoke": {"rising"}, "chimney": set()},
    # a participle after "made of X", "shaped like X" or a part ("with black rims") describes
    # the thing made, shaped or having the part
    "a dragon made of crystal flying over a burning city": {
        "dragon": {"made", "flying"}, "crystal": set(), "city": {"burning"}},
    "a lamp shaped like a mushroom glowing softly on a nightstand": {
        "lamp": {"shaped", "glowing", "softly"}, "nightstand": set()},  # a mushroom's shape
    "a silver sports car with black rims parked in front of a modern glass building": {
        "car": {"silver", "sports", "parked"}, "rims": {"black"},
        "building": {"modern", "glass"}},
    # what is worn does not walk: the wearer does
    "a woman wearing a long red dress walking along a sandy beach": {
        "woman": {"walking"}, "dress": {"long", "red"}, "beach": {"sandy"}},
    "a man wearing a hat and a coat standing by a car": {
        "man": {"standing"}, "hat": set(), "coat": set(), "car": set()},
    # a colour word with a participle or a noun before it names a thing
    "a cup of hot chocolate with whipped cream and a cinnamon stick": {
        "cup": set(), "chocolate": {"hot"}, "cream": {"whipped"}, "stick": {"cinnamon"}},
    "a bowl of ice cream": {"bowl": set(), "cream": {"ice"}},
    # a known noun tagged as a verb after a noun closes its compound
    "a pile of colorful autumn leaves next to a rusty old bicycle": {
        "leaves": {"colorful", "autumn"}, "bicycle": {"rusty", "old"}},
    # a relative pronoun right after a noun opens that noun's clause
    "a garden with roses that are red and tulips that are yellow": {
        "garden": set(), "roses": {"red"}, "tulips": {"yellow"}},
    # an undescribed part named through a possessive is drawn with its whole
    "a baby elephant splashing water with its trunk": {"elephant": {"baby"}, "water": set()},
    # the -ing form of a verb that takes no object describes the noun after it
    "a medieval castle on a hill at dusk, glowing windows, purple sky": {
        "castle": {"medieval"}, "hill": set(), "windows": {"glowing"}, "sky": {"purple"}},
    # ... and so does that of one that need take none where the noun acts itself
    "a futuristic city skyline at dusk, sleek glass towers lit from within, flying cars "
    "weaving between them": {"skyline": {"futuristic", "city"},
                             "towers": {"sleek", "glass", "lit"}, "cars": {"flying", "weaving"}},
    "an old church, burning candles flickering in the dark": {
        "church": {"old"}, "candles": {"burning", "flickering"}},
    # an irregular past form the same as the participle, with no object, is the participle
    "A large clock tower lit up at night.": {"tower": {"large", "clock", "lit"}},
    "a futuristic city at dusk, glass towers lit from within, a holographic billboard": {
        "city": {"futuristic"}, "towers": {"glass", "lit"}, "billboard": {"holographic"}},
    # a participle clause on the noun's first participle describes the noun
    "an orange tabby cat wearing a tiny crown, sitting on a velvet cushion": {
        "cat": {"orange", "tabby", "sitting"}, "crown": {"tiny"}, "cushion": {"velvet"}},
    # a participle after what a person has describes the person
    "a cyberpunk samurai with a glowing katana standing in the rain": {
        "samurai": {"cyberpunk", "standing"}, "katana": {"glowing"}, "rain": set()},
    # "by" and a name: who made the picture
    "an oil painting of a sailing ship on a stormy sea, by Ivan Aivazovsky": {
        "ship": {"sailing"}, "sea": {"stormy"}},
    # a noun phrase after a comma is a phrase of its own, whatever the parser hung it on
    "a white tiger resting on a mossy rock, sunlight filtering through the leaves, "
    "vibrant green foliage": {
        "tiger": {"white", "resting"}, "rock": {"mossy"},  # sunlight: light as a mass
        "leaves": set(), "foliage": {"vibrant", "green"}},
    # a phrase ending in an objectless -ing verb ends in a participle
    "a cute baby penguin standing on an iceberg, snow falling, pixar style": {
        "penguin": {"cute", "baby", "standing"}, "iceberg": set(), "snow": {"falling"}},
    # "depth of field", "the style of": how the picture is made, not what it shows
    "portrait of an old man, shallow depth of field": {"man": {"old"}},
    "a cat in the style of Van Gogh": {"cat": set()},
    # a colour before a colour word makes it a thing; a colour in shades is a colour
    "a sea turtle swimming past bright orange coral": {
        "turtle": {"sea", "swimming"}, "coral": {"bright", "orange"}},
    "a dress in dark coral": {"dress": {"dark", "coral"}},
    "a meadow covered with wildflowers in shades of purple, yellow and white": {
        "meadow": {"covered"}, "wildflowers": {"purple", "yellow", "white"}},
    # a predicate noun that names nothing keeps its adjectives: they describe no thing drawn
    "the clock was a stylish addition to the wall": {"clock": set(), "wall": set()},
    "the red bus is a nice contrast to the leaves": {"bus": {"red"}, "leaves": set()},
    "the dog is a good boy": {"dog": set(), "boy": {"good"}},
    # a finite clause takes the noun before it as subject; a finite verb with a subject heads
    # its clause
    "the knight wears silver armor and the dragon is green": {
        "knight": set(), "armor": {"silver"}, "dragon": {"green"}},
    "the knight wears silver armor and the dragon breathes fire": {
        "knight": set(), "armor": {"silver"}, "dragon": set(), "fire": set()},
    # materials coordinated before a noun are its modifiers, not a list of things
    "a glass and steel skyscraper": {"skyscraper": {"glass", "steel"}},
    "an oak and leather armchair by the fire": {"armchair": {"oak", "leather"}, "fire": set()},
    "a wooden and metal chair": {"chair": {"wooden", "metal"}},
    "a huge brass and mahogany steampunk airship": {
        "airship": {"huge", "brass", "mahogany", "steampunk"}},
    # ... but a noun with its own article is an item of the list
    "a bottle and office supplies": {"bottle": set(), "supplies": {"office"}},
    # a plural auxiliary agrees with the plural noun of the subject's "with" phrase
    "a kitchen with two cats are sleeping on the floor": {
        "kitchen": set(), "cats": {"two", "sleeping"}, "floor": set()},
    "a field with three horses are grazing near a fence": {
        "field": set(), "horses": {"three", "grazing"}, "fence": set()},
    # issue 18's classes, on prompts written for the tests
    # a singular article and noun before a plural "noun": a clause, the noun its subject
    "a yellow cab waits by the curb": {"cab": {"yellow"}, "curb": set()},
    "a grey heron stands in a pond": {"heron": {"grey"}, "pond": set()},
    "a flock of white birds circles overhead": {"birds": {"white"}},
    # position words heading an "of" phrase belong to the relation
    "a mug left of a kettle": {"mug": set(), "kettle": set()},
    "a lamp to the right of a sofa": {"lamp": set(), "sofa": set()},
    # a counted collective without named members is drawn; a colour word as a plural is a thing
    "a team of five on a stage": {"team": {"five"}, "stage": set()},
    "five limes on a plate": {"limes": {"five"}, "plate": set()},
    # a described formation is drawn; an undescribed one through its members
    "a tall stack of firewood": {"stack": {"tall"}, "firewood": set()},
    "a stack of pancakes": {"pancakes": set()},
    # the standard of a comparison is not drawn
    "a cat as white as snow": {"cat": {"white"}},
    # describing words in brackets describe the noun before them
    "a lamp (brass, tall) next to a sofa": {"lamp": {"brass", "tall"}, "sofa": set()},
    # a participle after "with" and a part describes the whole; after a thing, the thing
    "a black toilet with a white lid sitting next to a wall": {
        "toilet": {"black", "sitting"}, "lid": {"white"}, "wall": set()},
    "a box with a string tied around it": {"box": set(), "string": {"tied"}},
    # a coordinated progressive without an object describes the subject
    "a person is wearing a winter coat and walking through the snow": {
        "person": {"walking"}, "coat": {"winter"}, "snow": set()},
    # light as a mass lights the scene; a counted light is a lamp
    "warm light spilling from a window": {"window": set()},
    "a red traffic light above a street": {"light": {"red", "traffic"}, "street": set()},
    # tag lists: a count tag is a numeral and a noun, joined tags are words, a bare participle
    # describes the first character, markup names nothing
    "masterpiece, 1girl, solo, long_hair, sitting, looking at viewer, <lora:style_v2:0.6>": {
        "girl": {"1", "sitting", "looking"}, "hair": {"long"}},
    # a describing word between commas is a tag of its own, not one of the next tag's noun
    "1boy, male focus, solo, white hair, blue eyes": {
        "boy": {"1"}, "hair": {"white"}, "eyes": {"blue"}},
    # a joined tag with a preposition is a phrase, as written with spaces; a describing word
    # joined to its noun is no tag of its own
    "1girl, solo, dark_skin, sitting_on_bench, looking_back, hand_on_hip, red_eyes": {
        "girl": {"1", "sitting", "looking"}, "skin": {"dark"}, "bench": set(),
        "hand": set(), "hip": set(), "eyes": {"red"}},
    # a pose tag the tagger calls a noun; the character heads its tag; a tag that names the
    # character again takes none of its bare tags
    "no humans, animal focus, red panda, sitting on a branch, forest": {
        "panda": {"red", "sitting"}, "branch": set(), "forest": set()},
    "1girl, witch, black robe, flying, full moon": {
        "girl": {"1", "flying"}, "witch": set(), "robe": {"black"}, "moon": {"full"}},
    # lighting and drawing tags of adjectives name how the picture looks; in a clause, or
    # with a noun before them, they are things
    "a cat on a wall, dramatic shadows, clean lines, thick impasto": {
        "cat": set(), "wall": set()},
    "long shadows stretch across the yard, power lines": {
        "shadows": {"long"}, "yard": set(), "lines": {"power"}},
    # what a wearer is in is listed together: the person stands, not the shirt
    "a person in purple pants and a black shirt standing on a skateboard": {
        "person": {"standing"}, "pants": {"purple"}, "shirt": {"black"}, "skateboard": set()},
    # a whole list of colours after a noun's "in" is its colours, not the next clause's
    "a woman with beaded necklaces in red, white and blue, large circular earrings hang "
    "from her ears": {"woman": set(), "necklaces": {"beaded", "red", "white", "blue"},
                      "earrings": {"large", "circular"}},
    # a place named is the setting; score tags are markup; relationship and framing tags
    # name nothing
    "an astronaut riding a horse on mars, (paris:1.2), a roast turkey": {
        "astronaut": set(), "horse": set(), "turkey": {"roast"}},
    "score_9, score_8_up, 1girl, 1boy, couple, hug, upper body, red scarf": {
        "girl": {"1"}, "boy": {"1"}, "scarf": {"red"}},
    # in a tag list a participle's "subject" is the noun it describes, and a participle before
    # adjectives and a noun is prenominal
    "a giant jellyfish floating above a city, glowing tentacles, people looking up from "
    "the streets, cinematic": {"jellyfish": {"giant", "floating"}, "city": set(),
                             "tentacles": {"glowing"}, "people": {"looking"},
                             "streets": set()},
    "portrait of an old wizard, long white beard, glowing blue eyes, dark background, fantasy": {
        "wizard": {"old"}, "beard": {"long", "white"}, "eyes": {"glowing", "blue"},
        "background": {"dark"}},
    "a black dog sleeps on the wooden porch, smoke curls from the stone chimney": {
        "dog": {"black"}, "porch": {"wooden"}, "smoke": set(), "chimney": {"stone"}},
    # an adjective after a finite verb says how its subject is; a colour object ends its
    # phrase at a comma
    "an ancient spellbook lies open on a desk, a crystal ball glows faint purple, dark "
    "fantasy": {"spellbook": {"ancient", "open"}, "desk": set(),
                "ball": {"crystal", "faint", "purple"}},
    # a bare -ing word of a known verb closing a progressive clause is its second verb
    "A child is running through a sprinkler and laughing.": {
        "child": {"running", "laughing"}, "sprinkler": set()},
    # a linking verb describes nothing, its complement describes the subject; a bare -ing word
    # of a known verb before its preposition is the clause's second verb
    "A person is looking at a hot air balloon and feeling curious.": {
        "person": {"looking", "curious"}, "balloon": {"hot", "air"}},
    "A person is wearing a snorkel and diving into the ocean.": {
        "person": {"diving"}, "snorkel": set(), "ocean": set()},
    # a name a style is taken from, a film stock or a cover is no thing in the picture
    "a flock of white birds circles overhead, magritte inspired, kodak portra, national "
    "geographic cover": {"birds": {"white"}},
    # in a tag list a word about the picture binds nothing, one about the character's state
    # describes the character
    "1girl, blue eyes, knight, silver armor, determined, banners, smoke, epic": {
        "girl": {"1", "determined"}, "eyes": {"blue"}, "knight": set(), "armor": {"silver"},
        "banners": set(), "smoke": set()},
    # an adverb of place says where, not how; as an adjective it describes
    "A brown dog laying outside behind a blue truck, an outside kiosk": {
        "dog": {"brown", "laying"}, "truck": {"blue"}, "kiosk": {"outside"}},
    # the ends of a colour range describe what has it
    "a gradient background from teal to purple, a sky fading from orange to deep blue": {
        "background": {"gradient", "teal", "purple"},
        "sky": {"fading", "orange", "deep", "blue"}},
    # a likeness is drawn, and what it shows; a participle on it describes who it shows
    "a silhouette of a woman dancing against a giant orange moon": {
        "silhouette": set(), "woman": {"dancing"}, "moon": {"giant", "orange"}},
    # an -ing verb without an auxiliary is a participle of the noun before it
    "Close-up portrait of a snow leopard resting on a rocky ledge, its pale eyes stare "
    "straight ahead": {"leopard": {"snow", "resting"}, "ledge": {"rocky"}, "eyes": {"pale"}},
    # a noun before its noun labelled a noun-phrase adverbial is a compound; a plural after a
    # singular article and a noun is a verb
    "the bride in a lace gown dances with her father": {
        "bride": set(), "gown": {"lace"}, "father": set()},
    # vs joins two things
    "epic samurai vs robot battle, cherry blossom petals": {
        "samurai": set(), "robot": set(), "petals": {"cherry", "blossom"}},
    # a noun ending like a superlative is a noun
    "A woman wearing a black shirt and white vest looks into a mirror": {
        "woman": set(), "shirt": {"black"}, "vest": {"white"}, "mirror": set()},
    # what a thing is likened to is not drawn
    "a spider whose eyes gleam like black pearls, a balloon shaped like an elephant": {
        "spider": set(), "eyes": set(), "balloon": {"shaped"}},
    # a sentence without a verb had it read as a compound's head
    "The plastic cutting board and metallic knife slice the wooden vegetables.": {
        "board": {"plastic", "cutting"}, "knife": {"metallic"}, "vegetables": {"wooden"}},
    "The fluffy cat and metallic collar nap on the leather chair.": {
        "cat": {"fluffy"}, "collar": {"metallic"}, "chair": {"leather"}},
    # what a collection does, its members do
    "a flock of birds is flying over the lake, a herd of cows grazing in a field": {
        "birds": {"flying"}, "lake": set(), "cows": {"grazing"}, "field": set()},
    # a verb with no passive after a counted noun is the past tense, no participle of it
    "one cat stared at three plates on the table": {
        "cat": {"one"}, "plates": {"three"}, "table": set()},
    # A1111 prompt editing and alternation ask for every part: each binds (docs/annotation.md)
    "[red:blue:0.5] sports car, racing on a mountain road": {
        "car": {"red", "blue", "sports", "racing"}, "road": {"mountain"}},
    "[cat|dog] sitting in a cardboard box, fluffy, big eyes": {
        "cat": {"sitting", "fluffy"}, "dog": {"sitting"}, "box": {"cardboard"}, "eyes": {"big"}},
    # an engine is drawn, the renderer named "unreal engine" is not
    "a red fire engine parked by the station": {"engine": {"red", "fire", "parked"},
                                                "station": set()},
    "a castle on a hill, unreal engine 5, octane render": {"castle": set(), "hill": set()},
    # "detailed X" tags ask for rendering detail: no entity (docs/annotation.md, Quality tags)
    "1girl, knight, silver armor, (detailed face:1.2), highly detailed fur, sword": {
        "girl": {"1"}, "knight": set(), "armor": {"silver"}, "sword": set()},
    # a size tag in a list with a character is the character's look
    "1girl, fairy, (tiny:1.2), sitting on a mushroom, glowing wings, forest": {
        "girl": {"1", "tiny", "sitting"}, "fairy": set(), "mushroom": set(),
        "wings": {"glowing"}, "forest": set()},
    # "holding tray" in a tag list is a verb and its object, not a tray that holds
    "1girl, maid, white apron, black dress, holding tray, teacup, smile": {
        "girl": {"1"}, "maid": set(), "apron": {"white"}, "dress": {"black"}, "tray": set(),
        "teacup": set()},
    # in a tag list a tag's "-s verb" without a subject of its own is a plural noun
    "photo of an old red barn, snowy field, bare trees, long shadows, crows on the fence, "
    "rusty tractor": {"barn": {"old", "red"}, "field": {"snowy"}, "trees": {"bare"},
                      "crows": set(), "fence": set(), "tractor": {"rusty"}},
    "1girl, solo, long silver hair, black kimono, holding a katana, cherry blossoms, moonlight, "
    "serious expression": {"girl": {"1"}, "hair": {"long", "silver"}, "kimono": {"black"},
                           "katana": set(), "blossoms": {"cherry"}},
    # a tag of colours alone is the picture's palette: it binds nothing (docs/annotation.md)
    "1girl, city street, neon signs, (pink and cyan:1.2), rain, night, anime": {
        "girl": {"1"}, "street": {"city"}, "signs": {"neon"}, "rain": set()},
    "1boy, black and white, red scarf, snow, masterpiece": {
        "boy": {"1"}, "scarf": {"red"}, "snow": set()},
    # ... but a list of colours across commas still names its noun's colours
    "a red , yellow , white , and orange birthday cake, candles, balloons, party": {
        "cake": {"red", "yellow", "white", "orange", "birthday"}, "candles": set(),
        "balloons": set()},
    # "a white apron flips noodles": a plural phrase opened by "a" hides subject and verb
    "a night market, a smiling cook in a white apron flips noodles in a wok, red lanterns": {
        "market": {"night"}, "cook": {"smiling"}, "apron": {"white"}, "noodles": set(),
        "wok": set(), "lanterns": {"red"}},
    # "a" takes no plural verb: "A busy ramen shop at midnight" (shop/VBP) is a noun phrase
    "A busy ramen shop at midnight, steam curls above copper pots": {
        "shop": {"busy", "ramen"}, "steam": set(), "pots": {"copper"}},
    # a plural read as a verb and its verb read as an adjective swap ("signs/VBZ flicker/JJ"),
    # and a verb's complement ends its phrase at the comma ("glow red, neon signs")
    "two salarymen slurp noodles at the counter, paper lanterns glow red, neon signs flicker "
    "outside, cinematic, moody": {"salarymen": {"two"}, "noodles": set(), "counter": set(),
                                  "lanterns": {"paper", "red"}, "signs": {"neon"}},
    # ... also where the parser read the compound's first noun as the subject ("dew drops")
    "a misty forest, dew drops glisten on ferns, a wooden cabin": {
        "forest": {"misty"}, "drops": {"dew"}, "ferns": set(), "cabin": {"wooden"}},
    # the direction of a motion verb describes nothing ("rides past", past read as an acomp)
    "A medieval market square in the rain, merchants in hooded cloaks sell apples and cheese, "
    "a blacksmith hammers a glowing horseshoe, children chase a loose goose between the stalls, "
    "a knight on a grey horse rides past, muddy cobblestones, painterly, 4k": {
        "square": {"medieval", "market"}, "rain": set(), "merchants": set(),
        "cloaks": {"hooded"}, "apples": set(), "cheese": set(), "blacksmith": set(),
        "horseshoe": {"glowing"}, "children": set(), "goose": {"loose"}, "stalls": set(),
        "knight": set(), "horse": {"grey"}, "cobblestones": {"muddy"}},
    # a past participle without an auxiliary is no clause ("leaves scattered around")
    "A tiny hedgehog wearing a knitted scarf sits in a teacup, autumn leaves scattered around, "
    "a steaming pot of tea beside it": {
        "hedgehog": {"tiny"}, "scarf": {"knitted"}, "teacup": set(),
        "leaves": {"autumn", "scattered"}, "pot": {"steaming"}, "tea": set()},
    # the first conjunct's describing words stay with it when the parser hung them past it
    "The metallic frying pan and wooden spatula cook the fluffy pancakes on the glass stove "
    "top.": {"pan": {"metallic", "frying"}, "spatula": {"wooden"}, "pancakes": {"fluffy"},
             "top": {"glass", "stove"}},
    # a clause between commas has its verb, read by order whatever shape the parse took
    "a harbour at dawn, maglev trains glide over the bay, a red kite": {
        "harbour": set(), "trains": {"maglev"}, "bay": set(), "kite": {"red"}},
    "a quiet street at night, neon lights flicker overhead, a black cat sleeps": {
        "street": {"quiet"}, "lights": {"neon"}, "cat": {"black"}},
    # an "-s" verb after a singular noun with its own article is no compound's head
    "a misty forest, a silver raven watches from a dead oak, fog": {
        "forest": {"misty"}, "raven": {"silver"}, "oak": {"dead"}},
    "an old pier, a blue fishing boat ties up beside a red one": {
        "pier": {"old"}, "boat": {"blue", "fishing", "red"}},
    # a plural subject and its verb tagged the other way round
    "dust motes drift in the golden light, reflections shimmer on the cobblestones": {
        "motes": {"dust"}, "reflections": set(), "cobblestones": set()},
    # a past participle opening a comma part describes the bare noun after it
    "a wooden table, scattered crumbs and a folded linen napkin": {
        "table": {"wooden"}, "crumbs": {"scattered"}, "napkin": {"folded", "linen"}},
    "a mechanical owl, brass feathers, exposed gears": {
        "owl": {"mechanical"}, "feathers": {"brass"}, "gears": {"exposed"}},
    # a verb that takes no object describes the noun after it, after any preposition
    "an ancient temple lit by flickering torches, towering oak bookshelves": {
        "temple": {"ancient", "lit"}, "torches": {"flickering"},
        "bookshelves": {"towering", "oak"}},
    # what a "with" phrase has is listed together, and the wearer stands
    "a girl with short silver hair and a red visor standing in the crowd": {
        "girl": {"standing"}, "hair": {"short", "silver"}, "visor": {"red"}, "crowd": set()},
    # a clause before a comma is no complement of the next part's participle
    "a young woman reads by the fireplace, a tabby cat curled on an armchair beside her, a "
    "globe stands in the middle of the room": {
        "woman": {"young"}, "fireplace": set(), "cat": {"tabby", "curled"}, "armchair": set(),
        "globe": set(), "room": set()},
    # a possessor with "a" names a kind of its noun (docs/annotation.md, Possessive
    # classifiers); one with "the", or the whole of a part, is drawn
    "A cluttered wizard's study lit by a single candle": {
        "study": {"cluttered", "wizard", "lit"}, "candle": {"single"}},
    "a man holding a chef's knife": {"man": set(), "knife": {"chef"}},
    "the driver's red scarf": {"driver": set(), "scarf": {"red"}},
    "closeup of a chef's hands kneading dough": {"chef": set(), "dough": set()},
    # a verb's complement closes no noun phrase with the verb after it
    "a white peacock struts between ferns, a wooden bench which is painted blue stands under "
    "a dead lemon tree, moody": {
        "peacock": {"white"}, "ferns": set(), "bench": {"wooden", "painted", "blue"},
        "tree": {"dead", "lemon"}},
    # a tag that ends in the -ing word of an intransitive verb ends in a participle, tagged a
    # noun or not; a participle before a comma is no adjective of the noun after it
    "underwater scene, coral reef, sea turtle swimming, bubbles": {
        "reef": {"coral"}, "turtle": {"sea", "swimming"}, "bubbles": set()},
    "a bowl of ramen, green onions, steam rising, dark wooden table, food photography": {
        "bowl": set(), "ramen": set(), "onions": {"green"}, "steam": {"rising"},
        "table": {"dark", "wooden"}},
    # a bare word with an adjective's ending is no noun; of two subjects, the one before a
    # comma is no subject
    "a misty lake, a heron stands motionless in the reeds, mist curls over the water": {
        "lake": {"misty"}, "heron": {"motionless"}, "reeds": set(), "mist": set(),
        "water": set()},
    # a plural the parser hung as a clause is the verb of the noun before it
    "A bustling night market, steam rises from bamboo baskets of dumplings, red paper lanterns "
    "sway overhead": {
        "market": {"bustling", "night"}, "steam": set(), "baskets": {"bamboo"},
        "dumplings": set(), "lanterns": {"red", "paper"}},
    # someone, an -ing word and a noun read as one noun phrase: someone doing something
    "Smiling children holding balloons": {"children": {"Smiling"}, "balloons": set()},
    "a coffee shop, barista making latte, customers at small tables": {
        "shop": {"coffee"}, "barista": set(), "latte": set(), "customers": set(),
        "tables": {"small"}},
    # a list written without commas (issue 18's class 7)
    "a red mug white saucer and a blue spoon": {
        "mug": {"red"}, "saucer": {"white"}, "spoon": {"blue"}},
    "a dark forest green jacket": {"jacket": {"dark", "forest", "green"}},
    # a resultative: a bare colour closing a verb's object, read as the root, describes it
    "a girl painting a wall yellow": {"girl": set(), "wall": {"yellow"}},
    # a verb with no passive after its subject is a past tense, whatever the tagger says
    "six bees buzzed around the garden": {"bees": {"six"}, "garden": set()},
    "two dogs played in the snow": {"dogs": {"two"}, "snow": set()},
    # two nouns joined by a conjunction agree with a plural verb
    "a helicopter and large plane fly through the air over the ocean and a small boat": {
        "helicopter": set(), "plane": {"large"}, "ocean": set(), "boat": {"small"}},
    # a mass noun with no determiner agrees with an "-s" verb of a verbless part
    "A vintage train station, steam billows from a black locomotive, purple smoke curls "
    "toward the ceiling": {
        "station": {"vintage", "train"}, "steam": set(), "locomotive": {"black"},
        "smoke": {"purple"}, "ceiling": set()},
    # a known -ing noun after a preposition, with no object, is a noun
    "The pastry chef is decorating a cake with frosting and sugar flowers.": {
        "chef": {"pastry"}, "cake": set(), "frosting": set(), "flowers": {"sugar"}},
    "a brush for painting walls": {"brush": set(), "walls": set()},
    # no pronoun, foreign word or gerund, but a noun the tagger got wrong
    "(1boy:1.2), elf, ranger, green hooded cloak": {
        "boy": {"1"}, "elf": set(), "ranger": set(), "cloak": {"green", "hooded"}},
    "a detective in a trench coat, fedora, mechanics on scaffolding, sparks from welding": {
        "detective": set(), "coat": {"trench"}, "fedora": set(), "mechanics": set(),
        "scaffolding": set(), "sparks": set()},
    # a participle tag right after a noun's tag, both hung on the prompt's last word, is the
    # noun's
    "red or blue sports car, racing on a mountain road, motion blur, sunset, sharp focus, "
    "automotive photography": {"car": {"red", "blue", "sports", "racing"},
                               "road": {"mountain"}},
    # a collective with a numeral for its members, before a preposition, and its verb
    "An elegant wedding reception, a jazz band of five plays in the corner, peonies everywhere": {
        "band": {"jazz", "five"}, "peonies": set()},
    # a 3rd-person verb read as a compound after an articled noun: "a ... arm flips"
    "a cyberpunk food stall at 3 am, a cook with a robotic arm flips noodles in a wok": {
        "stall": {"cyberpunk", "food"}, "cook": set(), "arm": {"robotic"}, "noodles": set(),
        "wok": set()},
    # what is said of some of a noun is said of the noun
    "a rusty robot sits in a junkyard, one of its eyes still glows amber": {
        "robot": {"rusty"}, "junkyard": set(), "eyes": {"amber"}},
    "a box of three apples": {"box": set(), "apples": {"three"}},
    # a participle whose phrase names the owner by a pronoun is the nearer noun's (issue 18)
    "A red school bus driving down a street with a yellow car following behind it .": {
        "bus": {"red", "school", "driving"}, "street": set(), "car": {"yellow", "following"}},
    # "still" and "even" describe as adjectives before a noun, and are idle as adverbs
    "mist curls over the still water": {"mist": set(), "water": {"still"}},
    "a lamp still glows, a cat sits still": {"lamp": set(), "cat": set()},
    # a participle hung on its noun with a verb's clause label is the noun's
    "a steampunk owl with brass goggles, mechanical wings, gears, sitting on a pile of old "
    "books, candlelight, detailed": {
        "owl": {"steampunk", "sitting"}, "goggles": {"brass"}, "wings": {"mechanical"},
        "gears": set(), "books": {"old"}},
    # a known noun opening a tag is a noun, whatever its tag
    "masterpiece, 1girl, mermaid, long blue hair, seashell bra, bubbles": {
        "girl": {"1"}, "mermaid": set(), "hair": {"long", "blue"}, "bra": {"seashell"},
        "bubbles": set()},
    "rain drops, forest floor, moss, macro photography": {
        "drops": {"rain"}, "floor": {"forest"}, "moss": set()},
    # a group split by its looks: the parts' describing words describe the group
    "two empty beach chairs one blue and one pink with an umbrella": {
        "chairs": {"two", "empty", "beach", "blue", "pink"}, "umbrella": set()},
    "Three cows two black and one brown grazing in a green field.": {
        "cows": {"Three", "black", "brown", "grazing"}, "field": {"green"}},
    "two cats sleeping on a windowsill, one orange and one black, lace curtains": {
        "cats": {"two", "sleeping", "orange", "black"}, "windowsill": set(),
        "curtains": {"lace"}},
    "Two toilet stall, one blue and the other orange.": {
        "stall": {"Two", "toilet", "blue", "orange"}},
    # a bare colour after "of" describes the noun before it
    "a flag with stripes of red and yellow": {"flag": set(), "stripes": {"red", "yellow"}},
    "a dress of red silk": {"dress": set(), "silk": {"red"}},
    # the point of view is no thing drawn; a camera held or placed is
    "one blue balloon drifts closest to the camera": {"balloon": {"blue", "one"}},
    "a girl looking at the viewer": {"girl": {"looking"}},
    "a man holding the camera": {"man": set(), "camera": set()},
    "a tripod with a camera on it": {"tripod": set(), "camera": set()},
    # a part named through its whole, undescribed, is drawn with its whole
    "a jumping spider on a leaf, fine orange hairs cover its body": {
        "spider": {"jumping"}, "leaf": set(), "hairs": {"fine", "orange"}},
    "a bumblebee hovers near her cheek": {"bumblebee": set()},
    # the commas of a colour list keep the article in the phrase: sails is the kite's verb
    "A red, white, and blue kite sails through the blue sky.": {
        "kite": {"red", "white", "blue"}, "sky": {"blue"}},
    # a tag that has the shape of a noun phrase, its noun taken for an adjective, is a tag of
    # its own, not coordinated modifiers of the next tag's noun
    "isometric view of a cozy bedroom, (low poly:1.2), bed with blue blanket": {
        "bedroom": {"cozy"}, "bed": set(), "blanket": {"blue"}},
    "a tall, dark, handsome man": {"man": {"tall", "dark", "handsome"}},
    # coordinated verbs share the object after the last: the first has an object too, and
    # describes nothing; a verb that takes no object still describes its subject
    "A chef is chopping and frying vegetables.": {"chef": set(), "vegetables": set()},
    "a woman washing and drying dishes": {"woman": set(), "dishes": set()},
    "a cook stirring and tasting soup": {"cook": set(), "soup": set()},
    "a woman sitting and reading a book": {"woman": {"sitting"}, "book": set()},
    "a boy laughing and playing with a dog": {"boy": {"laughing", "playing"}, "dog": set()},
    # a colour word in the plural names things (colours do not inflect), each with its count
    "four peaches and one hamburger": {"peaches": {"four"}, "hamburger": {"one"}},
    "five limes and a red bowl": {"limes": {"five"}, "bowl": {"red"}},
    # a finite verb with its subject before a describing word is no noun that word describes
    "A girl dressed in black holds up a tennis racket.": {
        "girl": {"dressed", "black"}, "racket": {"tennis"}},
    # a stretch between commas has its verb, intransitive or with its object
    "a tesla coil crackles with blue lightning, jars of green liquid line the shelves, "
    "cobwebs hang from the ceiling": {
        "coil": {"tesla"}, "lightning": {"blue"}, "jars": set(), "liquid": {"green"},
        "shelves": set(), "cobwebs": set(), "ceiling": set()},
    "waves crash against the black rocks below, a red rowboat bobs in the harbor": {
        "waves": set(), "rocks": {"black"}, "rowboat": {"red"}, "harbor": set()},
    "A cozy ramen shop in Tokyo at night, steam rises from large copper pots": {
        "shop": {"cozy", "ramen"}, "steam": set(), "pots": {"large", "copper"}},
    "a golden retriever bounds through the fresh snow": {
        "retriever": {"golden"}, "snow": {"fresh"}},
    "icicles hang from the porch roof, smoke curls from the chimney, cozy, winter, nostalgic": {
        "icicles": set(), "roof": {"porch"}, "smoke": set(), "chimney": set()},
    # a verb has one object: a noun after a comma is a tag of its own
    "the setting sun paints the sky orange, rural farmhouse": {
        "sun": {"setting"}, "sky": {"orange"}, "farmhouse": {"rural"}},
    # a root that heads itself is a root: this prompt once never finished parsing
    "an old wooden ship sailing through a storm, huge waves, lightning, dark clouds, torn "
    "sails, (oil painting:1.2), by ivan aivazovsky, dramatic": {
        "ship": {"old", "wooden", "sailing"}, "storm": set(), "waves": {"huge"},
        "lightning": set(), "clouds": {"dark"}, "sails": {"torn"}},
    # the -ing word of a verb that takes no object, opening an item of a list, describes it
    "cozy cabin interior, fireplace, sleeping cat on a rug, knitted blanket": {
        "interior": {"cozy", "cabin"}, "fireplace": set(), "cat": {"sleeping"}, "rug": set(),
        "blanket": {"knitted"}},
    # a verb with an articled object closes no noun phrase
    "A woman in a blue vest and orange helmet riding a horse up a flight of stairs.": {
        "woman": set(), "vest": {"blue"}, "helmet": {"orange"}, "horse": set(),
        "stairs": set()},
    # a passive participle after the verb describes the subject; after a verb of dress, what
    # is worn
    "A writer is typing away at their keyboard, lost in the world they're creating.": {
        "writer": {"typing", "lost"}, "keyboard": set()},
    "a man sits on a bench, surrounded by pigeons": {
        "man": {"surrounded"}, "bench": set(), "pigeons": set()},
    # a participle after a comma that follows the verb's object is the subject's action
    "A group of friends are playing a board game, laughing and joking as they compete.": {
        "friends": {"laughing", "joking"}, "game": {"board"}},
    # three bare nouns as one compound with a plural before the end hold a clause
    "a crowded night market, vendors grill skewers over open flames": {
        "market": {"crowded", "night"}, "vendors": set(), "skewers": set(),
        "flames": {"open"}},
    "a wolf howls, its breath forms clouds in the cold air": {
        "wolf": set(), "breath": set(), "clouds": set()},
    "a string of paper lanterns sways": {"lanterns": {"paper"}},
    # quality and grading tags bind nothing, even where parsed as the prompt's verb
    "(masterpiece:1.2), best quality, ultra-detailed, 1girl, blonde hair": {
        "girl": {"1"}, "hair": {"blonde"}},
    "post-apocalyptic city, rusted cars, dust, cinematic, (desaturated:1.2)": {
        "city": {"post-apocalyptic"}, "cars": {"rusted"}, "dust": set()},
    "a cup of coffee on a wooden table, steam rising, croissant, morning light through window, "
    "cozy, (bokeh:1.1), food photography, 35mm": {
        "cup": set(), "coffee": set(), "table": {"wooden"}, "steam": {"rising"},
        "croissant": set(), "window": set()},
    # a participle has one object: an -ing word after a colour worn, or after the object, is
    # the wearer's next participle; an -ing word before a noun stays that noun's
    "a young female wearing black walking in snow with a red umbrella": {
        "female": {"young", "black", "walking"}, "snow": set(), "umbrella": {"red"}},
    "A orange dog wearing an gray bow tie laying on a sofa .": {
        "dog": {"orange", "laying"}, "tie": {"gray", "bow"}, "sofa": set()},
    "a man wearing black riding boots": {"man": set(), "boots": {"black", "riding"}},
    # "with" + the owner's own part + a participle: the part, described, is drawn
    "a woman with her hair dyed purple": {"woman": set(), "hair": {"dyed", "purple"}},
    "a dog with its tail raised": {"dog": set(), "tail": {"raised"}},
    # a group split by its looks, the first part parsed as the root
    "three apples two red and one green": {"apples": {"three", "red", "green"}},
    # a participle clause after a copula's describes its subject; a colour after an
    # objectless -ing word is its complement, no noun it describes
    "the lamp is on, glowing warm yellow, beside a green armchair": {
        "lamp": {"glowing", "warm", "yellow"}, "armchair": {"green"}},
    # a participle after coordinated animals describes each
    "a green parrot and a yellow canary sitting in a golden cage": {
        "parrot": {"green", "sitting"}, "canary": {"yellow", "sitting"}, "cage": {"golden"}},
    # a colour word that names a thing, in the plural, is that thing
    "a cubic block and a cylindrical container of mints": {
        "block": {"cubic"}, "container": {"cylindrical"}, "mints": set()},
    "a mint green dress": {"dress": {"mint", "green"}},
    # a conjunct of a subject shares its predicate
    "The cat and the dog are black.": {"cat": {"black"}, "dog": {"black"}},
    "A man and a woman are walking on the beach.": {
        "man": {"walking"}, "woman": {"walking"}, "beach": set()},
    # ... but not one after a phrase of the subject's
    "The square clock with its oval face and triangular hands was a stylish addition.": {
        "clock": {"square"}, "face": {"oval"}, "hands": {"triangular"}},
    # sentences whose verb the tagger read as a noun, before "as" or a preposition
    "The plastic plate and metallic fork clink as the wooden spoon stirs the soup.": {
        "plate": {"plastic"}, "fork": {"metallic"}, "spoon": {"wooden"}, "soup": set()},
    "The metallic bike frame glints in the sunlight as the rubber tires hit the pavement.": {
        "frame": {"metallic", "bike"}, "tires": {"rubber"}, "pavement": set()},
    "The diamond pendant with its spherical bulb and triangular shade was a unique addition.": {
        "pendant": {"diamond"}, "bulb": {"spherical"}, "shade": {"triangular"}},
    # a colour someone is in, before their participle and its object
    "A woman in orange and a woman in pink riding horses.": {
        "woman": {"pink"}, "horses": set()},
    "a man in black riding a bike": {"man": {"black"}, "bike": set()},
    "a woman in red holding an umbrella": {"woman": {"red"}, "umbrella": set()},
    # a known verb's -s form closing a clause whose verb has it too is that verb's conjunct
    "A cat squints out the window and smiles.": {"cat": set(), "window": set()},
    "A girl reads a book and laughs.": {"girl": set(), "book": set()},
    # a numeral's hyphen written with spaces, as word-tokenized captions have it: one
    # modifier, no count
    "Two - tiered white fondant cake on a pedestal": {
        "cake": {"Two - tiered", "white", "fondant"}, "pedestal": set()},
    # an -ing verb after "and" hung on the object of a progressive is its second verb
    "A child is playing with a toy telescope and gazing at the stars.": {
        "child": {"playing", "gazing"}, "telescope": {"toy"}, "stars": set()},
    "a boy riding a bike and waving to his friends": {
        "boy": {"waving"}, "bike": set(), "friends": set()},
    # a bare noun between "be" (or "and" in a progressive) and an -ing word names the
    # activity: no entity, the verb describes the subject
    "A person is rock climbing at a local gym.": {
        "person": {"rock", "climbing"}, "gym": {"local"}},
    "A boy is bird watching in the park.": {"boy": {"bird", "watching"}, "park": set()},
    "Two friends are scuba diving near a coral reef.": {
        "friends": {"Two", "scuba", "diving"}, "reef": {"coral"}},
    "Kids are skateboarding and roller skating in the park.": {
        "Kids": {"skateboarding", "roller", "skating"}, "park": set()},
    "a man walking and woman running": {"man": {"walking"}, "woman": {"running"}},
    "The wall is a painting.": {"wall": set(), "painting": set()},
    # a noun the parser made a third conjunct of two coordinated verbs is the last one's object
    "A nurse is checking a patient in the ward, carefully measuring and recording data.": {
        "nurse": set(), "patient": set(), "ward": set()},
    # verbs of sound and of moving by oneself have no passive: after a subject, a past tense
    "three frogs croaked by the pond": {"frogs": {"three"}, "pond": set()},
    "four leaves drifted down the stream": {"leaves": {"four"}, "stream": set()},
    # a frame noun with a numeral and no "of" phrase is a drawn picture; a lens is no numeral
    "three paintings and three hamburgers": {"paintings": {"three"}, "hamburgers": {"three"}},
    "a cat on a sofa, 35mm photograph, 85mm portrait": {"cat": set(), "sofa": set()},
    # an -ing word known as a noun by its lemma only is no noun ("towering", not "tower")
    "The towering, ominous storm clouds loomed on the horizon.": {
        "clouds": {"towering", "ominous", "storm"}, "horizon": set()},
    # a lower-case "proper noun" hung as an adjective is one
    "The intricate, handwoven tapestry adorned the wall of the cozy, dimly lit cottage.": {
        "tapestry": {"intricate", "handwoven"}, "cottage": {"cozy", "dimly", "lit"}},
    # a capitalised proper noun after "in", listed as a place or not, is the setting
    "A busy night market in Taipei, steaming dumplings in bamboo baskets": {
        "market": {"busy", "night"}, "dumplings": {"steaming"}, "baskets": {"bamboo"}},
    "a man in New York City": {"man": set()},
    "a statue in the Louvre": {"statue": set(), "Louvre": set()},
    # the state of a whole scene as a bare tag binds nothing; before a noun it describes it
    "ferns growing between the tracks, a deer grazing on the platform, abandoned, 4k": {
        "ferns": {"growing"}, "tracks": set(), "deer": {"grazing"}, "platform": set()},
    "an abandoned house on a hill": {"house": {"abandoned"}, "hill": set()},
    # lighting, render and grading tags are no things; the same nouns elsewhere are
    "a cat, (lens flare:0.8), light trails, god rays, volumetric fog, chromatic aberration": {
        "cat": set()},
    "muddy trails in the mountains, thick fog": {
        "trails": {"muddy"}, "mountains": set(), "fog": {"thick"}},
    # a modifier read as the noun takes the phrase's article with it; the noun gets it back
    "a pyramidal bookend and a spherical book": {
        "bookend": {"pyramidal"}, "book": {"spherical"}},
    # a determined noun the parser made the "compound" of the participle after it is its noun
    "A black and white photo of a dog jumping to catch a frisbee.": {
        "dog": {"jumping"}, "frisbee": set()},
    # a subject hung on the auxiliary is the verb's
    "A cow is mooing in the pasture.": {"cow": {"mooing"}, "pasture": set()},
    # a linking verb describes nothing; its complement, even one tagged a noun, describes
    "A person is looking at a rainbow and feeling awestruck.": {"person": {"looking", "awestruck"},
                                                                "rainbow": set()},
    "a girl feeling nervous": {"girl": {"nervous"}},
    "A man is feeling tired.": {"man": {"tired"}},
    "a girl feeling sunshine on her face": {"girl": set()},
    # a rainbow with a determiner is drawn; before a noun it is its colour
    "a unicorn and a rainbow": {"unicorn": set(), "rainbow": set()},
    "a rainbow scarf": {"scarf": {"rainbow"}},
    # an -ing word of no list of things, coordinated with the object of a progressive before a
    # preposition, is the clause's second verb
    "A man is holding a compass and navigating through the woods.": {
        "man": {"navigating"}, "compass": set(), "woods": set()},
    # comma-separated adjectives before a subject's noun stay in its phrase
    "The prickly, brown cacti dotted the arid desert landscape.": {
        "cacti": {"prickly", "brown"}, "landscape": {"arid", "desert"}},
    # a body-state adjective the tagger read as the noun gives the noun back its place
    "The heavy backpack weighed down on the tired shoulders and the sore back.": {
        "backpack": {"heavy"}, "shoulders": {"tired"}, "back": {"sore"}},
    # a noun the parser hung as an adverbial on the participle after it is its noun; a tag
    # read as a base-form verb with only its own phrase after it is a noun
    "a cozy cabin, snow falling, warm light from the windows, smoke from the chimney": {
        "cabin": {"cozy"}, "snow": {"falling"}, "windows": set(), "smoke": set(),
        "chimney": set()},
    "a sun dappled path": {"path": {"sun", "dappled"}},
    # a verb in -s the tagger called a base form, between a noun with "a" and a plural
    "a salaryman in a dark suit slurps noodles at the counter": {
        "salaryman": set(), "suit": {"dark"}, "noodles": set(), "counter": set()},
    # parts after an object: the parts' top gives its place to the clause the object is in
    "a man holding two umbrellas, one red and one blue": {
        "man": set(), "umbrellas": {"two", "red", "blue"}},
    # a verbless stretch opened by "a" has its verb, whatever word the article hangs on
    "A medieval blacksmith hammers a glowing sword on an anvil, sparks fly across the forge": {
        "blacksmith": {"medieval"}, "sword": {"glowing"}, "anvil": set(), "sparks": set(),
        "forge": set()},
    # a determined noun the parser hung as an adverbial after a verb is its object
    "A person is holding a microphone and recording a podcast.": {
        "person": set(), "microphone": set()},
    # "getting" links like "feeling"; speeches and races are events
    "A man is holding a golf club and getting ready to tee off.": {
        "man": {"ready"}, "club": {"golf"}},
    "The swimmer is diving into the pool for a race.": {"swimmer": {"diving"}, "pool": set()},
    # genres named as bare tags bind nothing and are no things; before a noun they describe it
    "a moon, (synthwave:1.2), palm trees, grimdark": {"moon": set(), "trees": {"palm"}},
    "a synthwave city at night": {"city": {"synthwave"}},
    # a renderer named as a bare tag is no thing; with an article it is drawn
    "a robot in a tiny garden, 3d render, clay style, blender, isometric": {
        "robot": set(), "garden": {"tiny"}},
    "a blender on the kitchen counter": {"blender": set(), "counter": {"kitchen"}},
    # a plural "noun" the parser gave a singular subject with its article is that subject's
    # verb; a participle the parser hung on it describes the subject
    "rain streaks down the glass, a ginger cat sleeps curled on a knitted blanket": {
        "rain": set(), "glass": set(), "cat": {"ginger", "curled"}, "blanket": {"knitted"}},
    # "the" before an earlier phrase makes no sentence of the next one's participle
    "a telescope points toward the sea, shelves lined with jars": {
        "telescope": set(), "sea": set(), "shelves": {"lined"}, "jars": set()},
    # the verb after a colour phrase is the clause's; the verb the parser took instead is a
    # participle of the subject
    "wooden boats painted in bright blue and yellow sway in the harbor": {
        "boats": {"wooden", "painted", "bright", "blue", "yellow"}, "harbor": set()},
    # a bare colour complement takes no prepositional phrase: the verb does
    "lanterns glow orange along the river": {"lanterns": {"orange"}, "river": set()},
    "a car painted red with white stripes": {"car": {"painted", "red"}, "stripes": {"white"}},
    # an absolute participle of a form that is never a past tense; a plural noun and a verb
    # read as two conjuncts of the clause before are subject and verb
    "a samurai stands on a bridge, his katana drawn, red maple leaves swirl around him": {
        "samurai": set(), "bridge": set(), "katana": {"drawn"}, "leaves": {"red", "maple"}},
    # a "3rd-person verb" the parser made the subject of the next verb is a plural noun
    "an old village at dusk, sparks fly from the anvil, leaves fall from the trees": {
        "village": {"old"}, "sparks": set(), "anvil": set(), "leaves": set(), "trees": set()},
    "an old village at dusk, seagulls circle above the harbor, petals scatter across the path": {
        "village": {"old"}, "seagulls": set(), "harbor": set(), "petals": set(), "path": set()},
    # "The" hung on a word of the phrase still opens it: the -ed verb is the sentence's
    "The soft pink rose petals contrasted with the rough brown stem.": {
        "petals": {"soft", "pink", "rose"}, "stem": {"rough", "brown"}},
    # an adverb the tagger called a noun has no adjectives: they are the verb's complements
    "The smooth, rounded pebbles on the beach felt cool and soothing underfoot": {
        "pebbles": {"smooth", "rounded", "cool", "soothing"}, "beach": set()},
    # colours listed with colours are colours, not fruit
    "the sky with a palette of pinks, oranges, and purples": {"sky": set()},
    "a bowl of oranges and limes": {"bowl": set(), "oranges": set(), "limes": set()},
    # an -ing word after a prepositional phrase's own object describes the phrase's noun
    "A black cat on a white couch sleeping.": {"cat": {"black", "sleeping"}, "couch": {"white"}},
    # ... and one after the lifeless object of an animate owner's participle, the owner
    "A man holding two red skis walking through the snow.": {
        "man": {"walking"}, "skis": {"two", "red"}, "snow": set()},
    # a verbless clause may open with coordinated colours
    "A gray and blue plane flies in the blue sky .": {"plane": {"gray", "blue"}, "sky": {"blue"}},
    # a verb with an infinitive complement says what is done, not how its subject looks;
    # what is pretended is not there
    "A child is playing with a toy guitar and pretending to be a rock star.": {
        "child": {"playing"}, "guitar": {"toy"}},
    # what work on an object is for is not drawn; what one waits for is
    "a chef slicing bread for the soup": {"chef": set(), "bread": set()},
    "a woman waiting for a bus": {"woman": {"waiting"}, "bus": set()},
    # leaping and sailing have no passive: a past tense, no participle
    "one frog leaped onto three desks in the classroom": {
        "frog": {"one"}, "desks": {"three"}, "classroom": set()},
    "two cakes and one ship sailed away": {"cakes": {"two"}, "ship": {"one"}},
    # a tag list is no subject and its verb: list items stand between
    "(cyberpunk samurai:1.4), neon katana, rain, night city, reflections on wet asphalt": {
        "samurai": {"cyberpunk"}, "katana": {"neon"}, "rain": set(), "city": {"night"},
        "reflections": set(), "asphalt": {"wet"}},
    # a known plural noun with an adverb after it in its tag
    "1girl, messy bun, reading a book, autumn leaves outside, golden hour": {
        "girl": {"1"}, "bun": {"messy"}, "book": set(), "leaves": {"autumn"}},
    # cries as pose tags; kinds of picture and style names as bare tags
    "a majestic lion with a flowing golden mane, ((roaring)), savanna at sunset": {
        "lion": {"majestic", "roaring"}, "mane": {"flowing", "golden"}, "savanna": set()},
    "cute chibi witch, oversized hat, full moon, bats, halloween, sticker, vector": {
        "witch": {"cute", "chibi"}, "hat": {"oversized"}, "moon": {"full"}, "bats": set()},
    "interior design, modern living room, beige sofa, architectural digest": {
        "room": {"modern", "living"}, "sofa": {"beige"}},
    # drawn effects and covers name how the picture is made
    "a samurai, sparks, anime style, dynamic angle, motion lines": {
        "samurai": set(), "sparks": set()},
    "power lines above a street": {"lines": {"power"}, "street": set()},
    "album cover art, a silhouette of a woman dancing against a giant orange moon": {
        "silhouette": set(), "woman": {"dancing"}, "moon": {"giant", "orange"}},
    # a comma after a with phrase closes it: the participle after it is the owner's
    "Product shot: a glass perfume bottle with a gold cap, surrounded by pink peonies": {
        "bottle": {"glass", "perfume", "surrounded"}, "cap": {"gold"}, "peonies": {"pink"}},
    "a kitchen with a cat sleeping": {"kitchen": set(), "cat": {"sleeping"}},
    # a participle shared by conjuncts stands after them
    "a person sitting in a blue chair and a black and white dog on the grass": {
        "person": {"sitting"}, "chair": {"blue"}, "dog": {"black", "white"}, "grass": set()},
    "two cats and a dog sleeping on a couch": {
        "cats": {"two", "sleeping"}, "dog": {"sleeping"}, "couch": set()},
    # a colour noun one is "in" is no thing; its colours are the noun's
    "a vase in blue color and a car in red color": {"vase": {"blue"}, "car": {"red"}},
    # in a list about no one an -ing word and a bare noun are the noun and its participle;
    # with a character, an action and its object
    "a cozy reading nook, window seat, stack of books, steaming mug, knitted blanket": {
        "nook": {"cozy", "reading"}, "seat": {"window"}, "books": set(), "mug": {"steaming"},
        "blanket": {"knitted"}},
    "1girl, kitchen, cutting vegetables, apron": {
        "girl": {"1"}, "kitchen": set(), "vegetables": set(), "apron": set()},
    # a direction of looking says where, not how; before a noun it makes a kind
    "1girl, witch hat, broom, full moon, looking back": {
        "girl": {"1", "looking"}, "hat": {"witch"}, "broom": set(), "moon": {"full"}},
    "a red back door": {"door": {"red", "back"}},
    # an "adjective" with a noun compound of its own ending a tag is a noun; expressions
    # as tags are no things
    "1girl, solo, long black hair, hair ornament, kimono": {
        "girl": {"1"}, "hair": {"long", "black"}, "ornament": {"hair"}, "kimono": set()},
    "1boy, white hair, fur trim, arms crossed, smirk": {
        "boy": {"1"}, "hair": {"white"}, "trim": {"fur"}, "arms": {"crossed"}},
    # a joined tag is a noun whatever the tagger called it; Pony's quality tags stay markup
    "score_9, rating_safe, 1girl, solo, microphone, singing, stage_lights": {
        "girl": {"1", "singing"}, "microphone": set(), "lights": {"stage"}},
    # pictures in the plural are things in the picture; a bare singular frame is the picture
    "a rat scurries along the tracks, posters peel from the curved walls": {
        "rat": set(), "tracks": set(), "posters": set(), "walls": {"curved"}},
    "portrait, a woman": {"woman": set()},
    # a list of colours before a colour noun is the noun's colours
    "Three vases in red, yellow, and blue color": {"vases": {"Three", "red", "yellow", "blue"}},
    "a woman in red and blue stripes": {"woman": set(), "stripes": {"red", "blue"}},
    # an adjective right after a with phrase's object, read as its owner's predicate, is the
    # object's
    "a brown bear with its mouth open on some green grass": {
        "bear": {"brown"}, "mouth": {"open"}, "grass": {"green"}},
    # an -ing word alone with its article before a comma opens the noun phrase after it
    "The twisting, winding roads of the mountain pass were treacherous": {
        "roads": {"twisting", "winding", "treacherous"}, "pass": {"mountain"}},
    "The gleaming, silver horseshoes clattered on the pavement": {
        "horseshoes": {"gleaming", "silver"}, "pavement": set()},
    "The shimmering, iridescent scales of the tropical fish glinted in the sun": {
        "scales": {"shimmering", "iridescent"}, "fish": {"tropical"}},
    "The painting, vivid colors, gold frame": {"painting": set(), "frame": {"gold"}},
    "The bumpy, rugged terrain of the mountain trail challenged the hikers.": {
        "terrain": {"bumpy", "rugged"}, "trail": {"mountain"}, "hikers": set()},
    # a known noun read as a participle, and an irregular past tense read as a noun, before
    # a preposition: subject and verb
    "The soft yellow duckling swam near the sleek black swan.": {
        "duckling": {"soft", "yellow"}, "swan": {"sleek", "black"}},
    "a cute duckling swims near a black swan": {"duckling": {"cute"}, "swan": {"black"}},
    "a tiny kitten knelt by the door": {"kitten": {"tiny"}, "door": set()},
    # a known verb's -ing word coordinated with a progressive's object keeps its preposition
    "A woman is holding a book and reading in a quiet corner.": {
        "woman": {"reading"}, "book": set(), "corner": {"quiet"}},
    # a verb of motion takes no particle: climbing up a chair is climbing up the chair
    "An orange cat climbing up a green chair.": {"cat": {"orange", "climbing"},
                                                  "chair": {"green"}},
    "a squirrel running up a tree trunk": {"squirrel": {"running"}, "trunk": {"tree"}},
    "a man picking up a red book": {"man": set(), "book": {"red"}},
    # a participle right after a with phrase that hangs on the owner's own participle, or
    # after a with the parser left bare, is the with phrase's noun's
    "Two elephants walking by a tan wall with green palm trees painted on it.": {
        "elephants": {"Two", "walking"}, "wall": {"tan"},
        "trees": {"green", "palm", "painted"}},
    "a man standing near a car with its door painted red": {
        "man": {"standing"}, "car": set(), "door": {"painted", "red"}},
    # a participle's "by" is no agent of an -ing form
    "a man standing by a car": {"man": {"standing"}, "car": set()},
    # the noun phrase right before a verb is its subject, not a phrase across a comma
    "stacks of worn paperbacks, a sleeping tabby curled on a cushion, warm lamp light": {
        "paperbacks": {"worn"}, "tabby": {"sleeping", "curled"}, "cushion": set()},
    # a plural of someone before a singular "noun" and a preposition is its subject
    "a black cat sleeps beside a coil of rope, gulls wheel above the grey harbor": {
        "cat": {"black"}, "coil": set(), "rope": set(), "gulls": set(), "harbor": {"grey"}},
    # an article belongs to the noun of its own phrase, never across a comma
    "seabirds huddle on a ledge, dramatic, oil painting, turner inspired": {
        "seabirds": set(), "ledge": set()},
    # a noun phrase opening a scene prompt is drawn, whatever verb the parser hung it on
    "Tokyo street at night in the rain, a girl with a clear umbrella waits at a crosswalk, "
    "taxis with glowing roof signs pass by": {
        "street": {"Tokyo"}, "rain": set(), "girl": set(), "umbrella": {"clear"},
        "crosswalk": set(), "taxis": set(), "signs": {"glowing", "roof"}},
    # a participle the parser hung on an owner across its with phrase: as if it followed
    # the phrase's last noun
    "A white desk with a laptop and a red teddy bear sitting next to the monitor .": {
        "desk": {"white"}, "laptop": set(), "bear": {"red", "teddy", "sitting"},
        "monitor": set()},
    # a plant named by a colour is a thing with a participle before it
    "a field of blooming lavender": {"field": set(), "lavender": {"blooming"}},
    "a lavender dress": {"dress": {"lavender"}},
    # a finite "verb" alone between two commas of a tag list is a noun
    "(masterpiece), 2girls, yuri, holding hands, sundress, straw hat, sunflower field": {
        "girls": {"2"}, "yuri": set(), "hands": set(), "sundress": set(), "hat": {"straw"},
        "field": {"sunflower"}},
    # mood tags closing a long scene prompt bind nothing
    "robotic arms assemble tiny circuits on a steel table, blue light spills from the floor "
    "panels, sterile, sci-fi, octane render, 8k": {
        "arms": {"robotic"}, "circuits": {"tiny"}, "table": {"steel"}, "panels": {"floor"}},
    # a caption's -ed verb whose only "object" stands after a comma is a participle
    "A cluttered artist's studio bathed in afternoon light, half-finished canvases lean "
    "against the walls": {"studio": {"cluttered", "artist", "bathed"},
                          "canvases": {"half-finished"}, "walls": set()},
    # a part does not act: the truck drives; a bare colour before a comma is a modifier
    "A blue truck with a white top driving on the road.": {
        "truck": {"blue", "driving"}, "top": {"white"}, "road": set()},
    "A white vase with several ecru , red , and white flowers": {
        "vase": {"white"}, "flowers": {"several", "ecru", "red", "white"}},
    # what someone pretends, imagines or plans is not there
    "a girl dreaming of a castle": {"girl": {"dreaming"}},
    "a man plants a tree": {"man": set(), "tree": set()},
    # "hyper detailed" is about the picture, like "highly detailed"
    "a hyper detailed mechanical owl": {"owl": {"mechanical"}},
    # a pose verb's past participle as a tag is the pose of the list's character
    "steampunk owl, brass feathers, exposed gears, perched on an old book, dark desk": {
        "owl": {"steampunk", "perched"}, "feathers": {"brass"}, "gears": {"exposed"},
        "book": {"old"}, "desk": {"dark"}},
    "1girl, long hair, crouched on a rooftop, night, city lights": {
        "girl": {"1", "crouched"}, "hair": {"long"}, "rooftop": set(), "lights": {"city"}},
    # a compared adjective describes the noun before it; the standard is not drawn
    "roses red as blood in a vase": {"roses": {"red"}, "vase": set()},
    "a girl with skin pale as porcelain": {"girl": set(), "skin": {"pale"}},
    "a knight in armor bright as the sun": {"knight": set(), "armor": {"bright"}},
    "hair black as ink, eyes green as emeralds": {"hair": {"black"}, "eyes": {"green"}},
    "a lake still as glass reflects the mountains": {"lake": {"still"}, "mountains": set()},
    "a sky blue as sapphire": {"sky": {"blue"}},
    "animals such as cats and dogs": {"animals": set(), "cats": set(), "dogs": set()},
    # an irregular past tense the parser hung on its subject as a noun is the verb
    "a small grey kitten swam by the door": {"kitten": {"small", "grey"}, "door": set()},
    # two nouns in a row read as two subjects of one verb are a compound and its head
    "a colossal holographic koi fish swims across the tallest tower": {
        "fish": {"colossal", "holographic", "koi"}, "tower": {"tallest"}},
    # a period adjective the tagger read as a noun is the possessor's, and with the article
    # the possessor is a classifier; "in the dark" is no thing
    "A medieval blacksmith's forge glows in the dark": {"forge": {"medieval", "blacksmith"}},
    # coordinated modifiers before a comma, the -ing word after it read as a verb
    "the tall, imposing tower": {"tower": {"tall", "imposing"}},
    "The dark, imposing silhouette of a castle looms over the valley": {
        "silhouette": {"dark", "imposing"}, "castle": set(), "valley": set()},
    # a 3rd-person verb read as a plural compound, or as the subject of its own object
    "a cook with a robotic arm flips noodles": {
        "cook": set(), "arm": {"robotic"}, "noodles": set()},
    "a chef flips pancakes": {"chef": set(), "pancakes": set()},
    # a film stock with its gauge is a tag about the picture, like grain
    "a cat on a windowsill, 35mm film, grainy": {"cat": set(), "windowsill": set()},
    "a roll of 35mm film on a table": {"roll": set(), "film": {"35"}, "table": set()},
    # a bare tag the parser made the root over the list still describes the character
    "1girl, sitting, smiling": {"girl": {"1", "sitting", "smiling"}},
    "score_9, 1girl, cat ears, lying on bed, messy bedroom, sleepy": {
        "girl": {"1", "lying", "sleepy"}, "ears": {"cat"}, "bed": set(), "bedroom": {"messy"}},
    "2boys, punching, crowd": {"boys": {"2", "punching"}, "crowd": set()},
    # an animal's shell is a part, drawn with it; looks named as tags are no things
    "giant turtle carrying a village on its shell": {"turtle": {"giant"}, "village": set()},
    "1other, solo, ambiguous gender, robot, horror": {"other": {"1"}, "robot": set()},
    # someone the work is for is there to receive it; a dish it is for is not yet there
    "a waitress pours coffee for a lonely trucker": {
        "waitress": set(), "coffee": set(), "trucker": {"lonely"}},
    # a decade describes, it does not count
    "vintage 1960s volkswagen camper van parked on a beach": {
        "van": {"vintage", "1960s", "volkswagen", "camper", "parked"}, "beach": set()},
    # ... and a decade that is a tag of its own is the picture's period: it binds nothing
    "a vintage red convertible parked outside a small diner, 1950s, kodachrome": {
        "convertible": {"vintage", "red", "parked"}, "diner": {"small"}},
    "portrait of a jazz singer, 1920s, sepia": {"singer": {"jazz"}},
    # a parking lot is a place; "a lot of" is a quantity
    "a lot of people in a parking lot": {"people": set(), "lot": {"parking"}},
    # tastes, sounds and feelings are nothing to draw; texture adjectives the tagger reads as
    # nouns open their phrase, a full stop after it or not
    "The fresh herbs added flavor to the savory soup.": {"herbs": {"fresh"}, "soup": {"savory"}},
    "The velvety, rich texture of the chocolate melted in the mouth, a decadent indulgence.": {
        "chocolate": {"velvety", "rich"}, "mouth": set()},
    # a caption opening with its head noun the tagger read as an imperative
    "Boardwalk with orange stripes in the middle and a black hydrant with a yellow cap.": {
        "Boardwalk": set(), "stripes": {"orange"}, "hydrant": {"black"}, "cap": {"yellow"}},
    # a known thing the tagger called an adverb of the verb before it is its object
    "A boy in yellow shirt and black pants riding skateboard": {
        "boy": set(), "shirt": {"yellow"}, "pants": {"black"}, "skateboard": set()},
    # what a tag says is held is a thing, whatever the tagger called it
    "1girl, nun, black habit, holding rosary, praying, church interior": {
        "girl": {"1", "praying"}, "nun": set(), "habit": {"black"}, "rosary": set(),
        "interior": {"church"}},
    # a known thing the tagger called an adjective before a comma heads its own phrase
    "a crystal ball on the counter, sleepy black cat, dust motes": {
        "ball": {"crystal"}, "counter": set(), "cat": {"sleepy", "black"}, "motes": {"dust"}},
    # a named setting stays the setting when the parser hangs the next phrase on it
    "In a busy night market in Taipei, an old woman in a red apron fries dumplings": {
        "market": {"busy", "night"}, "woman": {"old"}, "apron": {"red"}, "dumplings": set()},
    # "6+girls": six or more girls, a count tag
    "6+girls, school swimsuit, pool, smiling": {
        "girls": {"6", "smiling"}, "swimsuit": {"school"}, "pool": set()},
    # a verb of living has no past participle of a state: a finite verb, not a description
    "four dogs, four vases, a woman, and a goldfish lived in the house": {
        "dogs": {"four"}, "vases": {"four"}, "woman": set(), "goldfish": set(), "house": set()},
    # a known noun in a finite verb's tag closes its phrase, an "object" after it or not
    "some black cabinets a brown oven a tea kettle and a microwave": {
        "cabinets": {"black"}, "oven": {"brown"}, "kettle": {"tea"}, "microwave": set()},
    # a figure of speech ("a X of <qualities>") is no thing, and its describing words bind
    # nothing, ending the sentence too (docs/annotation.md, Settled questions); a bare noun
    # coordinated with its quality is a quality too
    "The jagged, rocky terrain of the mountain range stretched out before them, a rugged "
    "landscape of natural beauty and adventure.": {
        "terrain": {"jagged", "rocky"}, "range": {"mountain"}},
    "The neon sign was a dazzling display of urban artistry, a glowing beacon of creativity.": {
        "sign": {"neon"}},
    "The old cathedral is a masterpiece of geometry and design.": {"cathedral": {"old"}},
    "a rugged landscape of rocks and pines": {
        "landscape": {"rugged"}, "rocks": set(), "pines": set()},
    # design and pattern are aspects before "of"; an aspect's passive describes the thing
    "The sleek, modern design of the skyscraper towered over the city.": {
        "skyscraper": {"sleek", "modern"}, "city": set()},
    "The rich, dark tones of the mahogany wood were polished.": {
        "wood": {"rich", "dark", "mahogany", "polished"}},
    # a caption's participle on a collection describes its members; after "the" it is a verb
    "Flock of brown sheep huddled together in a white field .": {
        "sheep": {"brown", "huddled"}, "field": {"white"}},
    "The flock of sheep huddled together in a field.": {"sheep": set(), "field": set()},
    # a "noun" with a subject before it and an object after it is a verb
    "Traditional brown zebra nursing a black foal in a clearing .": {
        "zebra": {"Traditional", "brown"}, "foal": {"black"}, "clearing": set()},
    "a stone golem smashes the wall as archers fire flaming arrows from the towers": {
        "golem": {"stone"}, "wall": set(), "archers": set(), "arrows": {"flaming"},
        "towers": set()},
    # a known intransitive verb read as a compound's plural head, before a colour complement
    "a cottage by the lake, the aurora ripples green above, magical": {
        "cottage": set(), "lake": set(), "aurora": {"green"}},
    # a word tagged an -ing form with no vowel before -ing is a present verb, no participle
    "thick grey fur speckled with black rosettes, snowflakes cling to its whiskers": {
        "fur": {"thick", "grey", "speckled"}, "rosettes": {"black"}, "snowflakes": set()},
    # the object of "as" after a verb's object is the role it plays, not drawn; "as" opening
    # a clause with a verb of its own is no role
    "a tiny frog wearing a leaf as an umbrella, sitting on a mushroom": {
        "frog": {"tiny", "sitting"}, "leaf": set(), "mushroom": set()},
    "a mouse knight holding a sewing needle as a sword.": {
        "knight": {"mouse"}, "needle": {"sewing"}},
    "A woman in black holds up a camera as a man on a gray snowboard hovers in the air.": {
        "woman": {"black"}, "camera": set(), "man": set(), "snowboard": {"gray"}},
    "a cat dressed as a pirate": {"cat": {"dressed"}, "pirate": set()},
    # a duty and a meal named as events
    "an elf archer in a green tunic stands guard on a high balcony": {
        "archer": {"elf"}, "tunic": {"green"}, "balcony": {"high"}},
    "beautiful woman, green dress, afternoon tea, teapot": {
        "woman": {"beautiful"}, "dress": {"green"}, "teapot": set()},
    # an -ing word of no object opening a tag before a bare noun describes it, in a list about
    # someone too; "holding paintbrush" and "eating apple" stay actions
    "a tiger walking through deep snow, (piercing blue eyes:1.3), frost on whiskers": {
        "tiger": {"walking"}, "snow": {"deep"}, "eyes": {"piercing", "blue"}, "frost": set(),
        "whiskers": set()},
    "a potion shop, a crystal ball on the counter, hanging dried herbs, sleepy black cat": {
        "shop": {"potion"}, "ball": {"crystal"}, "counter": set(), "herbs": {"hanging", "dried"},
        "cat": {"sleepy", "black"}},
    "1girl, holding paintbrush, eating apple": {"girl": {"1"}, "paintbrush": set(), "apple": set()},
    # atmosphere, the camera and relationship tags name no thing; a shared look describes
    "abandoned amusement park, rusty ferris wheel, eerie, fog, by simon stalenhag": {
        "park": {"abandoned", "amusement"}, "wheel": {"rusty", "ferris"}},
    "a young woman in a cafe, cream cardigan, soft bokeh, shot on 35mm, Portra 400": {
        "woman": {"young"}, "cafe": set(), "cardigan": {"cream"}},
    "2girls, twins, matching white sundresses, straw hats": {
        "girls": {"2"}, "sundresses": {"matching", "white"}, "hats": {"straw"}},
    # a plural between two singular nouns read as one compound is their verb
    "a grandmother in a flowered apron rolls dough on a flour-dusted table": {
        "grandmother": set(), "apron": {"flowered"}, "dough": set(), "table": {"flour-dusted"}},
    # verbs read as nouns after a lower-case "proper noun", a proper noun, or a describing word
    # before an object
    "a girl stands beside her mother, autumn leaves swirl across the wet pavement": {
        "girl": set(), "mother": set(), "leaves": {"autumn"}, "pavement": {"wet"}},
    "The Nile glitters in the distance with feluccas under white sails": {
        "Nile": set(), "feluccas": set(), "sails": {"white"}},
    "a white rabbit in a waistcoat checks a pocket watch": {
        "rabbit": {"white"}, "waistcoat": set(), "watch": {"pocket"}},
    # a numeral or a word with its own determiner closes its phrase at a comma; a unit after
    # mass light does not count it
    "chalkboard menu, morning, soft daylight, 50mm, shallow dof, a pot": {
        "menu": {"chalkboard"}, "pot": set()},
    "A farmhouse kitchen in the 1940s, copper pots hang from a rack": {
        "kitchen": {"farmhouse"}, "pots": {"copper"}, "rack": set()},
    # an -ing participle ending its tag right after a noun describes that noun, not the list
    "1girl, 1boy, motorcycle, leather jacket, red helmet, highway, wind, long hair blowing, "
    "happy": {
        "girl": {"1", "happy"}, "boy": {"1"}, "motorcycle": set(), "jacket": {"leather"},
        "helmet": {"red"}, "highway": set(), "hair": {"long", "blowing"}},
    "1girl, solo, red cape fluttering, castle": {
        "girl": {"1"}, "cape": {"red", "fluttering"}, "castle": set()},
    # a verb of depiction in the passive describes nothing; the participle after it does
    "A black and white dog is shown snuggling with a tan cat .": {
        "dog": {"black", "white", "snuggling"}, "cat": {"tan"}},
    "a grey cat is seen sleeping on a blue mat, a man is pictured riding a red bike": {
        "cat": {"grey", "sleeping"}, "mat": {"blue"}, "man": set(), "bike": {"red"}},
    # a singular article opens no plural phrase, wherever the parser hung it
    "A red, grey and white airplane passes overhead.": {"airplane": {"red", "grey", "white"}},
    # coordinated colours worn before an -ing word no noun follows: the colours are worn, the
    # -ing word is the wearer's participle, whatever the parse made of them
    "a woman in white and red skiing on the snow": {
        "woman": {"white", "red", "skiing"}, "snow": set()},
    "a man dressed in grey and blue standing by a fence": {
        "man": {"dressed", "grey", "blue", "standing"}, "fence": set()},
    "A teen boy wearing black and white performing tricks with a yellow frisbee": {
        "boy": {"teen", "black", "white"}, "frisbee": {"yellow"}},
    "a man wearing black and white riding boots": {
        "man": set(), "boots": {"black", "white", "riding"}},
    # a plural and its verb tagged the other way round, the verb a lower-case "proper noun"
    "fishing boats rock in a grey harbor, seagulls circle overhead": {
        "boats": {"fishing"}, "harbor": {"grey"}, "seagulls": set()},
    # abstract nouns and events are no entities; an expanse is an aspect of what it is of
    "The geese flew in unison over the endless expanse of the blue sky.": {
        "geese": set(), "sky": {"endless", "blue"}},
    "A woman in a red dress stands at a public gathering.": {"woman": set(), "dress": {"red"}},
    # the medium of a painting and depth of field as tags are nothing drawn
    "portrait of a weathered sea captain with a pipe, oil on canvas, shallow dof": {
        "captain": {"weathered", "sea"}, "pipe": set()},
    "a cat sleeping on a canvas": {"cat": {"sleeping"}, "canvas": set()},
    # an absolute phrase of a verb whose participle is its base form ("spread", "shut")
    "An old eagle perches on a branch, its wings spread wide against a grey sky": {
        "eagle": {"old"}, "branch": set(), "wings": {"spread", "wide"}, "sky": {"grey"}},
    # a plural that names one thing is no verb before a determiner: a list without commas
    "a girl in black pants a grey dog and sleeping baby": {
        "girl": set(), "pants": {"black"}, "dog": {"grey"}, "baby": {"sleeping"}},
    # a stretch a possessive opens is a clause: the -s word after its noun is the verb
    "an old knight waits by the gate, his grey horse stamps in the mud": {
        "knight": {"old"}, "gate": set(), "horse": {"grey"}, "mud": set()},
    # BREAK separates chunks like a comma
    "1girl, (red dress:1.2) BREAK (green cape:1.1), forest": {
        "girl": {"1"}, "dress": {"red"}, "cape": {"green"}, "forest": set()},
    # a participle of colouring after a noun takes the colours after it, whatever the parse
    "a fire hydrant painted blue and white sits on the sidewalk": {
        "hydrant": {"fire", "painted", "blue", "white"}, "sidewalk": set()},
    "a house with a door painted red": {"house": set(), "door": {"painted", "red"}},
    "a yellow taxi parked beside a wall painted bright red and white": {
        "taxi": {"yellow", "parked"}, "wall": {"painted", "bright", "red", "white"}},
    "an old fence painted white surrounds a garden": {
        "fence": {"old", "painted", "white"}, "garden": set()},
    # a verbless clause's verb after a participle phrase of its subject, or before its own
    "tourists crowd around tables, a tuk-tuk painted bright green waits by the curb": {
        "tourists": set(), "tables": set(), "tuk-tuk": {"painted", "bright", "green"},
        "curb": set()},
    "an island, a white dragon with feathered wings sleeps curled around the trunk": {
        "island": set(), "dragon": {"white", "curled"}, "wings": {"feathered"},
        "trunk": set()},
    # textual inversions, referred to by name or by embedding:name, are markup
    "1girl, red carpet, masterpiece, EasyNegative, embedding:bad-hands-5": {
        "girl": {"1"}, "carpet": {"red"}},
    # a two-word tag opened by a known noun is that noun's compound and its head, wherever
    # the parser hung the second word
    "1girl, solo, cat ears, maid, maid headdress, black dress, white apron, blush": {
        "girl": {"1"}, "ears": {"cat"}, "maid": set(), "headdress": {"maid"},
        "dress": {"black"}, "apron": {"white"}},
    # a verb of looking takes no object: after its particle a noun is the preposition's
    "1girl, short hair, green jacket, train interior, sitting, looking out window, sunset": {
        "girl": {"1", "sitting", "looking"}, "hair": {"short"}, "jacket": {"green"},
        "interior": {"train"}, "window": set()},
    "1girl, solo, long hair, picking up trash, park": {
        "girl": {"1"}, "hair": {"long"}, "trash": set(), "park": set()},
    # intransitive verbs of Levin's scene classes read as verbs after their subject
    "a rustic kitchen, a loaf of bread cools on the windowsill, a cat sleeps": {
        "kitchen": {"rustic"}, "loaf": set(), "bread": set(), "windowsill": set(),
        "cat": set()},
    "an old garden, ivy clings to the wall, roses grow along the fence": {
        "garden": {"old"}, "ivy": set(), "wall": set(), "roses": set(), "fence": set()},
    # a colour that names a thing is that thing after a describing word other than a shade,
    # or as the object of a verb that takes things
    "skewers sizzle over hot charcoal, a merchant weighs saffron on a brass scale": {
        "skewers": set(), "charcoal": {"hot"}, "merchant": set(), "saffron": set(),
        "scale": {"brass"}},
    "a woman wearing lavender, a dress in dark charcoal, her eyes glow amber": {
        "woman": {"lavender"}, "dress": {"dark", "charcoal"}, "eyes": {"amber"}},
    # periods, holidays and languages are no things
    "neon signs in Chinese and English, a ballroom in the 18th century at Christmas": {
        "signs": {"neon"}, "ballroom": set()},
    # a picture a verb is done for is the one being taken, not one drawn
    "a man in a black suit poses for a photo, a girl holding a photo of a cat": {
        "man": set(), "suit": {"black"}, "girl": set(), "cat": set()},
    # an undescribed fitting named through its whole is a part, not a thing of its own
    "a blue and white cat playing with the strap of a black backpack": {
        "cat": {"blue", "white", "playing"}, "backpack": {"black"}},
    # a base form after a noun with its own article is no verb of it, but a list's next noun
    "a small bathroom with a glass shower a blue towel and a white sink": {
        "bathroom": {"small"}, "shower": {"glass"}, "towel": {"blue"}, "sink": {"white"}},
    # a counted count tag ("1other") is the tag list's character
    "1other, solo, troll, mossy skin, sitting on a rock, river": {
        "other": {"1", "sitting"}, "troll": set(), "skin": {"mossy"}, "rock": set(),
        "river": set()},
    # bare singular nouns coordinated before a noun are its modifiers
    "a box of apple and cherry pies": {"box": set(), "pies": {"apple", "cherry"}},
    "a plate of cheese and ham sandwiches": {"plate": set(), "sandwiches": {"cheese", "ham"}},
    # a counted noun before colours and another noun is an item of an unpunctuated list
    "three cats black dogs and a red ball": {
        "cats": {"three"}, "dogs": {"black"}, "ball": {"red"}},
    # a booru tag's sense in brackets says which thing, not how it looks
    "1boy, archer, bow (weapon), green cloak, quiver": {
        "boy": {"1"}, "archer": set(), "bow": set(), "cloak": {"green"}, "quiver": set()},
    "1girl, slime (creature), blue dress": {"girl": {"1"}, "slime": set(), "dress": {"blue"}},
    # an emoji is no describing word (nor its variation selector), and parts two nouns
    "an old couple on a red bicycle 🚲❤️ yellow tulips": {
        "couple": {"old"}, "bicycle": {"red"}, "tulips": {"yellow"}},
    "a green frog on a lily pad 💧 rain": {"frog": {"green"}, "pad": {"lily"}, "rain": set()},
    # a place noun after its preposition ("on top") describes no noun of the next tag
    "a bowl of ramen, a soft egg on top, black table": {
        "bowl": set(), "ramen": set(), "egg": {"soft"}, "table": {"black"}},
    # states, changes and the picture's beholder are no things either
    "a red kite over the meadow signals the arrival of spring": {
        "kite": {"red"}, "meadow": set()},
    "the blue mandala drew the viewer into a calm state": {"mandala": {"blue"}},
    # events and sounds are no things: their describing words bind nothing
    "pickers carry red apples to wooden crates during the autumn harvest": {
        "pickers": set(), "apples": {"red"}, "crates": {"wooden"}},
    "the distant cry of a loon over a misty lake": {"loon": set(), "lake": {"misty"}},
    # an arrangement is how its members stand, not a thing drawn
    "three camels walk in a long line across the dunes": {
        "camels": {"three"}, "dunes": set()},
    "six chairs stand in a wide circle around a red rug": {
        "chairs": {"six"}, "rug": {"red"}},
    # coordinated noun phrases before a verb the tagger read as a noun are its subject
    "two boys and a small girl romp in the garden": {
        "boys": {"two"}, "girl": {"small"}, "garden": set()},
    "a brown horse and a white pony play in a muddy field": {
        "horse": {"brown"}, "pony": {"white"}, "field": {"muddy"}},
    "three geese and a white duck swim across the pond": {
        "geese": {"three"}, "duck": {"white"}, "pond": set()},
    # a verb of motion takes no object after its particle; a linking verb's complement in a
    # clause after the verb describes the subject
    "a group of friends are hiking up a mountain trail": {
        "friends": {"hiking"}, "trail": {"mountain"}},
    "the cyclist rested on a bench, feeling happy": {"cyclist": {"happy"}, "bench": set()},
    # a plural between a singular noun with its article and the object's compound is the verb
    "a bartender polishes crystal glasses behind a bar": {
        "bartender": set(), "glasses": {"crystal"}, "bar": set()},
    # a clause's verb read as a noun after a noun the tagger called an adjective, in a
    # sentence after one with verbs of its own
    "two players collide as the ball spins through the air. A referee with a silver whistle "
    "sprints along the touchline": {"players": {"two"}, "ball": set(), "referee": set(),
                                    "whistle": {"silver"}, "touchline": set()},
    # a word read as a verb by its place alone takes no colour before it
    "a bedroom with yellow walls a white desk and black bed": {
        "bedroom": set(), "walls": {"yellow"}, "desk": {"white"}, "bed": {"black"}},
    # a mass noun's compound read as its subject, the noun as the base form, the verb as a plural
    "a flock of pigeons scatters around a clock tower, and chimney smoke curls into the sky": {
        "pigeons": set(), "tower": {"clock"}, "smoke": {"chimney"}, "sky": set()},
    # a clause opened by a subordinating conjunction has its verb too
    "a pilot presses her palm against the window, while a small robot with one blinking red "
    "eye hovers beside her": {"pilot": set(), "window": set(),
                              "robot": {"small"}, "eye": {"one", "blinking", "red"}},
    # a noun tagged an adverb before a noun; a composition tag; a state tag after the others;
    # a colour before an "adjective" that ends its tag
    "1boy, solo, tattoo artist, latex gloves, holding tattoo machine, focused, upper body": {
        "boy": {"1", "focused"}, "artist": {"tattoo"}, "gloves": {"latex"},
        "machine": {"tattoo"}},
    "(masterpiece, best quality:1.3), 1boy, solo, potter, brown skin, dreadlocks, focused, "
    "workshop, shelves of pottery, BREAK, ((warm colors))": {
        "boy": {"1", "focused"}, "potter": set(), "skin": {"brown"}, "dreadlocks": set(),
        "workshop": set(), "shelves": set(), "pottery": set()},
    "1girl, ballerina, pink tutu, white tights, pointe shoes, hair bun": {
        "girl": {"1"}, "ballerina": set(), "tutu": {"pink"}, "tights": {"white"},
        "shoes": {"pointe"}, "bun": {"hair"}},
    # a tag's noun before the participle the parser made its head, with an object
    "cute robot barista making coffee in a tiny cafe, big glowing eyes": {
        "barista": {"cute", "robot"}, "coffee": set(), "cafe": {"tiny"},
        "eyes": {"big", "glowing"}},
    # an -ing "noun" coordinated with an adjective is a participle
    "while a mechanical parrot, green and gleaming, sits on her shoulder": {
        "parrot": {"mechanical", "green", "gleaming"}},
    # mood and quality tags closing a scene
    "a glass of red wine stands beside a bowl of sea salt, melted butter drips down the meat, "
    "dark moody background, soft side lighting, macro lens, professional, appetizing, 85mm": {
        "glass": set(), "wine": {"red"}, "bowl": set(), "salt": {"sea"}, "butter": {"melted"},
        "meat": set(), "background": {"dark", "moody"}},
    # a verb read as a noun after an adverb that opens its clause, its participle after it
    "the sky is pale pink, and far away three walruses lie sprawled on a floating floe": {
        "sky": {"pale", "pink"}, "walruses": {"three", "sprawled"}, "floe": {"floating"}},
    "a white dragon sleeps curled around the trunk": {"dragon": {"white", "curled"},
                                                      "trunk": set()},
    # after the colours of a participle's complement, the verb with its object
    "behind it, an icebreaker painted red and black cuts a channel through the frozen water": {
        "icebreaker": {"painted", "red", "black"}, "channel": set(), "water": {"frozen"}},
    # a subject described between commas before its verb
    "steam billows across a crowded platform in 1920, where a black locomotive, huge and "
    "gleaming, hisses beside a row of green carriages": {
        "steam": set(), "platform": {"crowded"}, "locomotive": {"black", "huge", "gleaming"},
        "carriages": {"green"}},
    # tags written without a space after the comma
    "score_9,score_8_up,score_7_up,1girl,solo,mecha pilot,plugsuit,orange hair,determined": {
        "girl": {"1", "determined"}, "pilot": {"mecha"}, "plugsuit": set(),
        "hair": {"orange"}},
    # a noun opening its tag is no modifier of a later tag's noun; a plural the tagger nearly
    # read as one, before its preposition, opens its tag, and the next tag's participle is its
    "ancient temple ruins in a jungle,overgrown with vines,giant stone face,explorer with "
    "torch,mist": {"ruins": {"ancient", "temple", "overgrown"}, "jungle": set(), "vines": set(),
                   "face": {"giant", "stone"}, "explorer": set(), "torch": set()},
    # a colour as a place after a verb is the colour of its subject
    "a young boy in snow is standing in the blue": {
        "boy": {"young", "standing", "blue"}, "snow": set()},
    # "by" after an -ing verb is no agent
    "a person is wearing a swimsuit and lounging by the pool": {
        "person": {"lounging"}, "swimsuit": set(), "pool": set()},
    # a linking verb tagged a noun before its complement
    "a person is looking at a majestic mountain range and feeling humbled": {
        "person": {"looking", "humbled"}, "range": {"majestic", "mountain"}},
    # the sun as the light it gives: a lighting tag, "in the sun"; the disc itself is drawn
    "a potter at a wheel, shelves of pottery, afternoon sun, soft focus": {
        "potter": set(), "wheel": set(), "shelves": set(), "pottery": set()},
    "a dog is lounging in the sun": {"dog": {"lounging"}},
    "the warm yellow sun shone down on the cool grass": {"sun": {"warm", "yellow"},
                                                         "grass": {"cool"}},
    # a plural before an -s word in a phrase of an articled noun: the noun's verb
    "an older professor in thick spectacles peers through a microscope": {
        "professor": {"older"}, "spectacles": {"thick"}, "microscope": set()},
    "a man in black shoes runs along the beach": {"man": set(), "shoes": {"black"},
                                                  "beach": set()},
    "an old woman in a red apron fries dumplings in a huge iron pan": {
        "woman": {"old"}, "apron": {"red"}, "dumplings": set(), "pan": {"huge", "iron"}},
    # an idle adverb after a colour phrase is no noun
    "on the other side a man in black and white also holds up a tennis racket": {
        "man": {"black", "white"}, "racket": {"tennis"}},
    # a sunset with a determiner is the sky drawn; at sunset it is a time
    "the prickly green cactus contrasted with the soft pink sunset": {
        "cactus": {"prickly", "green"}, "sunset": {"soft", "pink"}},
    "a family is watching the sunset": {"family": set(), "sunset": set()},
    "a red boat on the lake at sunset": {"boat": {"red"}, "lake": set()},
    # relationship tags say how the characters relate
    "2boys, brothers, twins, matching outfits, blue jacket": {
        "boys": {"2"}, "outfits": {"matching"}, "jacket": {"blue"}},
    # a singular article opens no plural: the plural after its phrase is an item of its own
    "a snow skier wearing a red ski jacket goggles and a helmet": {
        "skier": {"snow"}, "jacket": {"red", "ski"}, "goggles": set(), "helmet": set()},
    "a leather shoes and a fabric pants": {"shoes": {"leather"}, "pants": {"fabric"}},
    # a whole tag of kin after the characters' tags says how they relate
    "2girls, old woman, grandmother and granddaughter, red yarn, rocking chair": {
        "girls": {"2"}, "woman": {"old"}, "yarn": {"red"}, "chair": {"rocking"}},
    "polar bear, mother and child, two polar bear cubs": {
        "bear": {"polar"}, "cubs": {"two", "polar", "bear"}},
    "mother and daughter, beach, sunset": {"mother": set(), "daughter": set(), "beach": set()},
    # a participle before a clause's subject describes it; the clause's verb comes after
    "finished vases in blue and amber line a dusty shelf, a bucket of water hisses": {
        "vases": {"finished", "blue", "amber"}, "shelf": {"dusty"}, "bucket": set(),
        "water": set()},
    "a glassblower at work, painted jars line the window sill, a cat sleeps on a rug": {
        "glassblower": set(), "jars": {"painted"}, "sill": {"window"}, "cat": set(),
        "rug": set()},
    # a part of the body named through its owner, with nothing to describe it, is drawn with
    # the owner
    "a young pilot presses her palm against the curved window": {
        "pilot": {"young"}, "window": {"curved"}},
    "a queen, a tiara on her brow": {"queen": set(), "tiara": set()},
    "a boxer raises his fist": {"boxer": set()},
    # a past form after "and" that closes a participle's phrase is coordinated with it
    "a stack of fluffy buttermilk pancakes drizzled with golden maple syrup and topped with "
    "fresh blueberries, a small glass jug": {
        "pancakes": {"fluffy", "buttermilk", "drizzled", "topped"}, "syrup": {"golden", "maple"},
        "blueberries": {"fresh"}, "jug": {"small", "glass"}},
    # describing words set off by commas close a definite subject's phrase before its verb
    "children paint at low tables, the teacher, young and cheerful, kneels beside a boy": {
        "children": set(), "tables": {"low"}, "teacher": {"young", "cheerful"}, "boy": set()},
    # a plural in a participle's phrase is no compound's first noun: the -s word after it is
    # the verb of the noun the participle describes
    "a rusted ferris wheel tangled in vines towers over a cracked parking lot, a faded carousel "
    "with chipped painted horses stands silent": {
        "wheel": {"rusted", "ferris", "tangled"}, "vines": set(), "lot": {"cracked", "parking"},
        "carousel": {"faded", "silent"}, "horses": {"chipped", "painted"}},
    # a name of two words may be a thing where its last word alone is abstract
    "6+girls, choir, holding sheet music, singing": {
        "girls": {"6", "singing"}, "music": {"sheet"}},
    "friends are playing a board game, a pianist plays music": {
        "friends": set(), "game": {"board"}, "pianist": set()},
    # a measure of goods counts them; goods stacked or bound are drawn through them, unless
    # described themselves
    "a black woman standing over a bushel of yellow bananas": {
        "woman": {"black", "standing"}, "bananas": {"yellow"}},
    "a yellow tower crane lifts a bundle of steel beams above the city": {
        "crane": {"yellow", "tower"}, "beams": {"steel"}, "city": set()},
    "heavy bundles of carpets sway on the camels' backs": {
        "bundles": {"heavy"}, "carpets": set(), "camels": set()},
    "a market stall, pyramids of red paprika, tiers of macarons": {
        "stall": {"market"}, "paprika": {"red"}, "macarons": set()},
    # what is held is drawn, though its word names a choice of colours in a tag
    "1girl, artist, holding palette, easel, soft pastel palette": {
        "girl": {"1"}, "artist": set(), "palette": set(), "easel": set()},
    # a prompt that ends as a sentence has a verb: a "noun" agreeing with its head before it
    "The metallic frame of the building towers over the wooden fence.": {
        "frame": {"metallic"}, "building": set(), "fence": {"wooden"}},
    # the commas of a list of colours closed by a conjunction split no clause: its verb agrees
    # with the noun the colours describe
    "sails of red, white and blue snap in the breeze, a gull circles overhead": {
        "sails": {"red", "white", "blue"}, "gull": set()},
    "ribbons of red, white, and blue snap in the wind": {
        "ribbons": {"red", "white", "blue"}},
    # a noun whose plural is its singular agrees with the base form without an article
    "a reef, orange clownfish dart among the anemones": {
        "reef": set(), "clownfish": {"orange"}, "anemones": set()},
    "a bay, pink shrimp crawl across the sand": {"bay": set(), "shrimp": {"pink"}, "sand": set()},
    "a mermaid with a turquoise tail rests on a rock, bioluminescent jellyfish drift around "
    "her": {"mermaid": set(), "tail": {"turquoise"}, "rock": set(),
            "jellyfish": {"bioluminescent"}},
    "a reef, a moray eel peers from a crack, and bright orange clownfish hide among the "
    "tentacles": {"reef": set(), "eel": {"moray"}, "crack": set(),
                  "clownfish": {"bright", "orange"}, "tentacles": set()},
    "a zebra hide rug on the floor": {"rug": {"zebra", "hide"}, "floor": set()},
    # a singular noun the tagger read as a plural by its ending ("ramen/NNS", lemma raman)
    "cozy ramen shop at night, steam from bowls, paper lanterns": {
        "shop": {"cozy", "ramen"}, "steam": set(), "bowls": set(), "lanterns": {"paper"}},
    "steam rises from a small ramen stall where an old man stirs a pot": {
        "steam": set(), "stall": {"small", "ramen"}, "man": {"old"}, "pot": set()},
    # a later tag hung on a participle that is a tag of its own, the list's root, is no word of
    # the participle's: no object makes it a verb of its own
    "1girl, solo, glasses, beige cardigan, holding books, autumn, falling leaves, walking, "
    "smile, <lora:people_v3:0.5>, soft lighting, 50mm": {
        "girl": {"1", "walking"}, "glasses": set(), "cardigan": {"beige"}, "books": set(),
        "leaves": {"falling"}},
    # body art is a thing ("nose piercing/VBG", "sleeve/VB tattoo/RB"); before a noun piercing
    # describes it
    "1girl, nose piercing, sleeve tattoo, latex gloves": {
        "girl": {"1"}, "piercing": {"nose"}, "tattoo": {"sleeve"}, "gloves": {"latex"}},
    "a woman with piercing blue eyes": {"woman": set(), "eyes": {"piercing", "blue"}},
    # a thing's name right before a colour is a shade ("rose/VBD gold")
    "a watch with a skeleton dial and rose gold case": {
        "watch": set(), "dial": {"skeleton"}, "case": {"rose", "gold"}},
    # a render tag described by a time or by a maker of film is about the picture
    "a cat on a sofa, kodak film, shallow focus": {"cat": set(), "sofa": set()},
    "a lake at dawn, pine trees, morning mist": {"lake": set(), "trees": {"pine"}},
    "a street, train tracks, power lines": {
        "street": set(), "tracks": {"train"}, "lines": {"power"}},
    # cobalt is a colour name ("in cobalt and amber")
    "glass bottles in cobalt and green sit on a shelf": {
        "bottles": {"glass", "cobalt", "green"}, "shelf": set()},
    # an adjective complement of a relative clause's verb describes the noun, as after a
    # finite verb
    "a fox passes an old wooden crate that sits half empty by the door": {
        "fox": set(), "crate": {"old", "wooden", "half", "empty"}, "door": set()},
    "a canoe drifts past a lantern that hangs crooked and dark": {
        "canoe": set(), "lantern": {"crooked", "dark"}},
    # a bare -ing tag of a craft, a sport or a gesture is the character's action; one of
    # weather is about the sky: it describes no one and is no thing
    "1girl, grandmother, knitting, blue yarn, armchair": {
        "girl": {"1", "knitting"}, "grandmother": set(), "yarn": {"blue"}, "armchair": set()},
    "1boy, archer, aiming, longbow, quiver": {
        "boy": {"1", "aiming"}, "archer": set(), "longbow": set(), "quiver": set()},
    "1girl, hooded cloak, snowing, pine forest": {
        "girl": {"1"}, "cloak": {"hooded"}, "forest": {"pine"}},
    "1girl, red scarf, bus stop, raining outside, umbrella": {
        "girl": {"1"}, "scarf": {"red"}, "stop": {"bus"}, "umbrella": set()},
    "no humans, cabin, snowing, pine trees": {"cabin": set(), "trees": {"pine"}},
    # "while" opens a clause that needs a verb: a "noun" after its subject is that verb
    "a fisherman casts his net while cold foam sprays over the rocks": {
        "fisherman": set(), "net": set(), "foam": {"cold"}, "rocks": set()},
    # a colour after a verb of light says how its subject looks: after a collection or a
    # formation, how its members look; hung as an adverb, in a relative clause too
    "rows of old bottles shine green on the shelf": {"bottles": {"old", "green"}, "shelf": set()},
    "a pile of embers glows red in the hearth": {"embers": {"red"}, "hearth": set()},
    "a moth circles a lamp that glows dimly violet.": {
        "moth": set(), "lamp": {"dimly", "violet"}},
    # ... and after a known verb the tagger missed, in a clause between commas
    "a harbor at night, small lanterns flicker red and gold, a fishing boat drifts past": {
        "harbor": set(), "lanterns": {"small", "red", "gold"}, "boat": {"fishing"}},
    # a past form after the subject with only colours before a known verb is the subject's
    # participle, not the clause's verb
    "old fishing boats painted green, white and orange lie on the beach, gulls circle overhead": {
        "boats": {"old", "fishing", "painted", "green", "white", "orange"}, "beach": set(),
        "gulls": set()},
    # after "with", a describing word after the noun says how that noun is
    "a tired dog naps on the porch with its mouth open": {
        "dog": {"tired"}, "porch": set(), "mouth": {"open"}},
    "a heron stands in the reeds with its wings half open": {
        "heron": set(), "reeds": set(), "wings": {"half", "open"}},
    "an old truck sits in the field with its doors wide open": {
        "truck": {"old"}, "field": set(), "doors": {"wide", "open"}},
    # a plural of people as possessor names whom the thing is for, whatever its determiner
    "the women's locker room with grey lockers": {
        "room": {"women", "locker"}, "lockers": {"grey"}},
    "children's paintings hang on the fridge, a cat sleeps": {
        "paintings": {"children"}, "fridge": set(), "cat": set()},
    # a verb of posture before a participle: the participle says how the subject is, the
    # verb read as a passive auxiliary or with the participle its open complement
    "a rusty tractor sits abandoned in a barn": {"tractor": {"rusty", "abandoned"}, "barn": set()},
    "a lonely scarecrow stands forgotten in a snowy field": {
        "scarecrow": {"lonely", "forgotten"}, "field": {"snowy"}},
    "glass jars stand lined up on a wooden shelf": {
        "jars": {"glass", "lined"}, "shelf": {"wooden"}},
    # an -ing clause after a comma says what the subject does, without an object of its own;
    # after a verb of having or showing it is not the subject's
    "grey gulls wheel over the harbor, screeching loudly": {
        "gulls": {"grey", "screeching", "loudly"}, "harbor": set()},
    "silver bells adorned the sleigh, jingling in the cold wind": {
        "bells": {"silver", "jingling"}, "sleigh": set()},
    "a waterfall tumbles over the rocks, creating a fine mist": {
        "waterfall": set(), "rocks": set(), "mist": {"fine"}},
    "an old photo shows two soldiers, smiling at the camera": {
        "photo": {"old"}, "soldiers": {"two"}},
    # the beholder, tagged an adjective before a comma, describes nothing of the next tag
    "1girl, solo, looking at viewer, blue dress, white gloves": {
        "girl": {"1", "looking"}, "dress": {"blue"}, "gloves": {"white"}},
    "a fox stares at the viewer, thick orange fur ruffled by the wind": {
        "fox": set(), "fur": {"thick", "orange", "ruffled"}},
    # a participle of a look is the had or worn thing's, not its owner's
    "photo of a dancer with long red hair braided with daisies, she smiles": {
        "dancer": set(), "hair": {"long", "red", "braided"}, "daisies": set()},
    "a woman with a dress embroidered with roses": {
        "woman": set(), "dress": {"embroidered"}, "roses": set()},
    # a tag of adjectives, a describing -ing word and a bare noun: all describe the noun; a
    # described wallpaper is drawn, the quality tag is not
    "an old cabin, dusty rocking chair, peeling wallpaper, cobwebs": {
        "cabin": {"old"}, "chair": {"dusty", "rocking"}, "wallpaper": {"peeling"},
        "cobwebs": set()},
    "(extremely detailed CG unity 8k wallpaper), 1girl, smile, red dress": {
        "girl": {"1"}, "dress": {"red"}},
    # a tag of a noun and its participle, read as a clause hung on the next tag's noun
    "1girl, (back to back:1.2), blades drawn, (white smoke:1.1), ruins": {
        "girl": {"1"}, "blades": {"drawn"}, "smoke": {"white"}, "ruins": set()},
    # an -s "verb" opening its part with no subject of its own, its participle after it, is a
    # plural noun
    "an old sailor on a pier, grey sea behind him, seagulls flying overhead, nets piled on the "
    "dock": {"sailor": {"old"}, "pier": set(), "sea": {"grey"}, "seagulls": {"flying"},
             "nets": {"piled"}, "dock": set()},
    # a "noun" read as the verb of a clause the parser made a later verb's subject: the noun
    # conjoined to it is that verb's subject, and its depictive participle is the noun's
    "The Nile glitters in the distance with feluccas under white sails, and a sphinx lies half "
    "buried in sand.": {"Nile": set(), "feluccas": set(), "sails": {"white"},
                        "sphinx": {"half", "buried"}, "sand": set()},
    # camera settings, genres of illustration and print, and moods named as tags are no things
    "a night market, street photography, 35mm, high iso, bokeh": {"market": {"night"}},
    "a cathedral on a hill, historical reconstruction, detailed illustration": {
        "cathedral": set(), "hill": set()},
    "a temple, red pagoda, morning fog, serene, retro comic style, halftone, americana": {
        "temple": set(), "pagoda": {"red"}},
    # a past participle whose phrase names the owner's part by a possessive is the had
    # thing's; an -ing one's phrase is the owner's place
    "women with plastic basins balanced on their heads wait beside a pile": {
        "women": set(), "basins": {"plastic", "balanced"}, "pile": set()},
    "a man with a cap pulled over his eyes, a woman with a bag walking in her garden": {
        "man": set(), "cap": {"pulled"}, "woman": {"walking"}, "bag": set(), "garden": set()},
    # a material the tagger read as a verb before its noun ("felt/VBN", "wicker/VB")
    "a felt hat at his feet holds a few coins, metal tables and wicker chairs": {
        "hat": {"felt"}, "coins": {"few"}, "tables": {"metal"}, "chairs": {"wicker"}},
    "the rounded pebbles felt cool underfoot": {"pebbles": {"rounded", "cool"}},
    # a shop's window display and a fireworks display are drawn; a display of a quality is not
    "a bakery window display, rows of croissants": {
        "display": {"bakery", "window"}, "croissants": set()},
    "a person looking at a fireworks display, a stunning display of natural beauty": {
        "person": {"looking"}, "display": {"fireworks"}},
    # a lens named as a camera tag is how the picture was taken; one held is drawn, and a hot
    # spring is a pool
    "snow monkeys soak in a hot spring, a photographer with a long lens, wide angle lens, "
    "telephoto lens": {"monkeys": {"snow"}, "spring": {"hot"}, "photographer": set(),
                       "lens": {"long"}},
    # collectives of animals, people and vehicles are drawn through their members; one of a
    # bare numeral is drawn itself
    "a pod of dolphins races alongside the bow, a troop of howler monkeys, a fleet of taxis": {
        "dolphins": set(), "bow": set(), "monkeys": {"howler"}, "taxis": set()},
    "an orchestra of twelve plays on a raised stage": {
        "orchestra": {"twelve"}, "stage": {"raised"}},
    # the group the characters form, as a bare tag, is how they relate; named in a clause it
    # is drawn
    "best quality, 4boys, band, electric guitar, drums": {
        "boys": {"4"}, "guitar": {"electric"}, "drums": set()},
    "a jazz band plays in the corner, a choir sings": {"band": {"jazz"}, "choir": set()},
    # a word tagged an adverb with an adjective after a determiner is a noun
    "The pack pressed the bent shoulders and the weak back.": {
        "pack": set(), "shoulders": {"bent"}, "back": {"weak"}},
    # a model year after "a" counts no plural; the car the tagger read as an adjective is the
    # noun the verb after it agrees with
    "a dusty gas station at noon, a red 1965 Ford convertible idles beside the pumps, a dog "
    "sleeps in the shade": {
        "station": {"dusty", "gas"}, "convertible": {"red", "1965", "Ford"}, "pumps": set(),
        "dog": set(), "shade": set()},
    # a participle phrase before the clause describes its subject, even where the parser hung
    # the subject as an apposition across the comma; a tag with a noun's words does not
    "Nestled in the mountains, a small village glows at dusk.": {
        "mountains": set(), "village": {"Nestled", "small"}},
    "Sitting on a branch, a small owl watches the forest.": {
        "branch": set(), "owl": {"Sitting", "small"}, "forest": set()},
    "Perched on a rock in Iceland, a red hut with a turf roof faces the sea.": {
        "rock": set(), "hut": {"Perched", "red"}, "roof": {"turf"}, "sea": set()},
    "early morning fishing on a calm lake, an old man sits in a canoe": {
        "lake": {"calm"}, "man": {"old"}, "canoe": set()},
    # rain slants: a verb of position whose -s form names no common thing
    "a night train station, cold rain slants across the empty platform, a porter waits by "
    "the gate": {
        "station": {"night", "train"}, "rain": {"cold"}, "platform": {"empty"},
        "porter": set(), "gate": set()},
    # a sport that takes an article is the thing its name also names
    "a green cricket sits on a blade of grass": {
        "cricket": {"green"}, "blade": set(), "grass": set()},
    "boys playing cricket in a park": {"boys": set(), "park": set()},
    # the kind of shot as a lone tag describes the picture, not the tag before it
    "a leather wallet on a slate tile, warm reflections, commercial, 50mm, sharp focus": {
        "wallet": {"leather"}, "tile": {"slate"}, "reflections": {"warm"}},
    # a participle with its own object closes no noun phrase, though its lemma names a thing
    "a player wearing white swinging a bat": {"player": {"white"}, "bat": set()},
    # a participle set off after another's object is that participle's sibling, whatever
    # its owner (a frame noun here), and so after a conjunct's object
    "Portrait of an elderly fisherman, wearing a yellow raincoat, standing on the deck": {
        "fisherman": {"elderly", "standing"}, "raincoat": {"yellow"}, "deck": set()},
    "Portrait of an elderly fisherman, wearing a yellow raincoat, holding a pipe, standing on "
    "the deck": {
        "fisherman": {"elderly", "standing"}, "raincoat": {"yellow"}, "pipe": set(),
        "deck": set()},
    # an instrument the tagger calls an adjective is the noun of its phrase
    "a hooded elf plays a silver lute in the corner": {"elf": {"hooded"}, "lute": {"silver"}},
    # what a thing held "with" serves as is no thing of its own
    "a man sleeps on a bench with his coat as a blanket": {
        "man": set(), "bench": set(), "coat": set()},
    # a verb after describing words set off by commas is no plural tag
    "a sailor, drenched and exhausted, climbs the mast.": {
        "sailor": {"drenched", "exhausted"}, "mast": set()},
    # a mass of something is drawn through what it is of
    "a table with a mirror and a mass of cut hair on white papers": {
        "table": set(), "mirror": set(), "hair": {"cut"}, "papers": {"white"}},
    # a known noun the tagger reads as a past participle by its ending closes its compound
    "a baker slides six golden baguettes out of a brick oven with a long wooden peel.": {
        "baker": set(), "baguettes": {"six", "golden"}, "oven": {"brick"},
        "peel": {"long", "wooden"}},
    # a noun phrase closing its sentence right after the clause it sums up is a figure for
    # it, no thing; an absolute phrase (a possessive pronoun) and a list are drawn
    "The bright, flickering flames of the campfire danced under the starry sky, a warm light "
    "show.": {"flames": {"bright", "flickering"}, "campfire": set(), "sky": {"starry"}},
    "The old clock chimes in the hall, a steady show of endless variation.": {
        "clock": {"old"}, "hall": set()},
    "The sun sets over the calm ocean, a lone sailboat on the horizon.": {
        "sun": set(), "ocean": {"calm"}, "sailboat": {"lone"}, "horizon": set()},
    "A knight rides through the forest, a loyal hound at his side.": {
        "knight": set(), "forest": set(), "hound": {"loyal"}},
    "A dining area features a wood table, a silver refrigerator and brown cabinets.": {
        "area": {"dining"}, "table": {"wood"}, "refrigerator": {"silver"},
        "cabinets": {"brown"}},
    "a flock of birds is flying over the lake, a herd of cows grazing in a field, a red barn": {
        "birds": {"flying"}, "lake": set(), "cows": {"grazing"}, "field": set(),
        "barn": {"red"}},
    # macro as a tag of its own is how the picture is taken, no describing word of a thing
    "a tiny hermit crab, wet sand, tide pool, (sea anemones:0.9), [starfish], macro, bokeh, "
    "<lora:macro_world_v2:0.7>": {
        "crab": {"tiny", "hermit"}, "sand": {"wet"}, "pool": {"tide"}, "anemones": {"sea"},
        "starfish": set()},
    # the marks on a thing are its parts: what follows the with phrase is the thing's
    "a yellow tie with brown spots matched with a grey vest": {
        "tie": {"yellow", "matched"}, "spots": {"brown"}, "vest": {"grey"}},
    # a described aspect describes the part it is of, which is then drawn
    "The soft texture of the cat's fur felt warm.": {"cat": set(), "fur": {"soft", "warm"}},
    "The bold, striking pattern of the zebra's stripes stood out.": {
        "zebra": set(), "stripes": {"bold", "striking"}},
    # a predicative or a passive coordinated with the subject's verb describes the subject
    "A man is wearing a mask and is tired.": {"man": {"tired"}, "mask": set()},
    "A person is wearing a mask and getting vaccinated.": {"person": {"vaccinated"},
                                                           "mask": set()},
    # an unknown word with an adjective's ending after a linking verb's -ing form is its
    # complement, however the parser hung it; a linking verb coordinated with the participle
    "A person is looking at a meteor shower and feeling wonderstruck.": {
        "person": {"looking", "wonderstruck"}, "shower": {"meteor"}},
    "A girl is holding a camera and feeling starstruck.": {"girl": {"starstruck"},
                                                           "camera": set()},
    "a man reading a letter and feeling sad": {"man": {"sad"}, "letter": set()},
    # a degree adverb modifies the participle after it, which describes the noun before
    "tiny shrimp clean a skull half hidden in the sand, underwater photography": {
        "shrimp": {"tiny"}, "skull": {"half", "hidden"}, "sand": set()},
    "an old wreck half sunk in the bay": {"wreck": {"old", "half", "sunk"}, "bay": set()},
    # a second described wearer parsed as a conjunct of what the first wears is the first's
    "a man wearing blue and a woman wearing green": {"man": {"blue"}, "woman": {"green"}},
    "a girl wearing pink and a boy in blue": {"girl": {"pink"}, "boy": {"blue"}},
    # a colour that is a material a thing is made of is the material, as glass is
    "a robot made of copper": {"robot": {"made"}, "copper": set()},
    "a crown made of gold and silver": {"crown": {"made"}, "gold": set(), "silver": set()},
    "a statue painted in gold": {"statue": {"painted", "gold"}},
    # a second -ing verb with its own plural object, parsed as one noun phrase with the first
    # object: an action of the subject, no entity and no description
    "A woman is holding a pen and writing notes.": {"woman": set(), "pen": set(),
                                                     "notes": set()},
    "A chef is holding a knife and chopping onions.": {"chef": set(), "knife": set(),
                                                       "onions": set()},
    "A person is sitting on a bench and feeding pigeons.": {
        "person": {"sitting"}, "bench": set(), "pigeons": set()},
    # a part opened by a partitive phrase splits the group on its own, and with others
    "three apples, two of them red": {"apples": {"three", "red"}},
    "four cups, two of them red and two of them green": {"cups": {"four", "red", "green"}},
    # a conjunct with a participle of its own shares none of the other's
    "a wall covered in ivy and a gate made of iron": {
        "wall": {"covered"}, "ivy": set(), "gate": {"made"}, "iron": set()},
    "a house surrounded by trees and a barn painted red": {
        "house": {"surrounded"}, "trees": set(), "barn": {"painted", "red"}},
    # ... nor does one with a phrase or an adjective of its own after it: the participle right
    # after the last noun is the last noun's
    "maple trees ablaze with orange leaves, and a stone lantern covered in moss": {
        "trees": {"maple", "ablaze"}, "leaves": {"orange"}, "lantern": {"stone", "covered"},
        "moss": set()},
    "a garden with roses in bloom and a fountain covered in moss": {
        "garden": set(), "roses": set(), "bloom": set(), "fountain": {"covered"},
        "moss": set()},
    # ... but one set off by a comma after the last noun is the pair's
    # ... but a participle after the whole pair is the pair's, and so is the one it shares
    "a man and a woman sitting at a table, drinking wine": {
        "man": {"sitting"}, "woman": {"sitting"}, "table": set(), "wine": set()},
    # a participle after "the" describes a subject whose sentence has its own verb
    "The tall lighthouse painted with red stripes stands on a rocky cliff.": {
        "lighthouse": {"tall", "painted"}, "stripes": {"red"}, "cliff": {"rocky"}},
    # ... and a verb the tagger read as a noun, closing the sentence after its subject, is a
    # verb; a known noun after "and" closes a list
    "The bird perched on the branch sang.": {"bird": {"perched"}, "branch": set()},
    "Bathroom with pink walls and white toilet and sink": {
        "Bathroom": set(), "walls": {"pink"}, "toilet": {"white"}, "sink": set()},
    # two subjects, each with its own phrase, agree with the base form of a verb the tagger
    # read as the last phrase's noun
    "A man in a black suit and a woman in a red dress dance under string lights.": {
        "man": set(), "suit": {"black"}, "woman": set(), "dress": {"red"},
        "lights": {"string"}},
    # a verb of lounging read as the head of the participle's object
    "Two koalas wearing sunglasses lounge on a pink inflatable raft.": {
        "koalas": {"Two"}, "sunglasses": set(), "raft": {"pink", "inflatable"}},
    # a bare noun coordinated with the standard of a comparison is a standard too; one with a
    # determiner of its own may be in the scene
    "pieces shaped like medieval knights and dragons": {"pieces": {"shaped"}},
    "a vase like a swan and a bowl of fruit": {"vase": set(), "bowl": set(), "fruit": set()},
    # a thing named by a compound whose head alone is abstract
    "a black cat watches from a fire escape": {"cat": {"black"}, "escape": {"fire"}},
    # a colouring participle and its colour, hung as an apposition of the owner before the
    # with phrase, describe the had thing
    "A woman with hair dyed purple holds a cup.": {
        "woman": set(), "hair": {"dyed", "purple"}, "cup": set()},
    # a verb with no passive after the describing words set off after its subject is the
    # subject's verb, whatever its tag
    "Her eyes, bright green and sparkling, stared at the silver locket.": {
        "eyes": {"bright", "green", "sparkling"}, "locket": {"silver"}},
    # a spatial word between a verb of motion and a numeral is a preposition, not a degree
    "a great wave crashing over three small boats": {
        "wave": {"great", "crashing"}, "boats": {"three", "small"}},
    "a man carrying over three boxes": {"man": set(), "boxes": {"three"}},
    # "off" after a verb of motion is a preposition too
    "waterfalls pouring off the cliffs, airships": {
        "waterfalls": {"pouring"}, "cliffs": set(), "airships": set()},
    "a man taking off his red hat": {"man": set(), "hat": {"red"}},
    # an "adverb" with a noun compound of its own is a noun
    "Dense Amazon rainforest after a downpour, a toucan sits on a branch": {
        "rainforest": {"Dense", "Amazon"}, "downpour": set(), "toucan": set(),
        "branch": set()},
    # a pro-form closes the second of two coordinated subjects as a noun does
    "a scarlet macaw and a blue-and-yellow one share a branch above a muddy river": {
        "macaw": {"scarlet", "blue-and-yellow"}, "branch": set(), "river": {"muddy"}},
    # a known animal the tagger read otherwise closes its noun phrase as a known noun does
    "a glass hummingbird hovering over a porcelain teacup": {
        "hummingbird": {"glass", "hovering"}, "teacup": {"porcelain"}},
    # a verb of travelling takes no particle
    "A yellow and blue train traveling down train tracks .": {
        "train": {"yellow", "blue", "traveling"}, "tracks": {"train"}},
    # a list of colours a preposition takes ends its phrase: the word before an object is
    # the verb (one colour before a noun does not: the bedroom case above)
    "rows of potted orchids in white, purple and yellow line the wooden shelves": {
        "orchids": {"potted", "white", "purple", "yellow"}, "shelves": {"wooden"}},
    # an absolute phrase: a possessed noun and an -ing word the tagger read as its head
    "a puppy chews on a red ball, its tail wagging, a white picket fence behind it": {
        "puppy": set(), "ball": {"red"}, "tail": {"wagging"}, "fence": {"white", "picket"}},
    # an adjective with a possessed subject and no copula describes the subject; without the
    # possessive it may be a verb the tagger misread
    "A red fox trots through a snowy forest, its breath visible in the cold air.": {
        "fox": {"red"}, "forest": {"snowy"}, "breath": {"visible"}},
    # a verb of play-fighting, read as a noun after a set-off partition: the clause's verb
    "Two dogs, one black and one white, wrestle in the grass": {
        "dogs": {"Two", "black", "white"}, "grass": set()},
    # a partition set off between the subject and its verb, hung on the verb: the subject's
    "three parrots, two red and one green, perch on a branch": {
        "parrots": {"three", "red", "green"}, "branch": set()},
    # an absolute phrase whose colour the parser made the head of its noun (a compound), with
    # its conjuncts; a colour noun too
    "a white cat with its fur white and thick sleeps on a sofa": {
        "cat": {"white"}, "fur": {"white", "thick"}, "sofa": set()},
    "a knight with his armor silver and gold rides a horse": {
        "knight": set(), "armor": {"silver", "gold"}, "horse": set()},
    # "can" after a noun with no verb after it is a noun; a participle after it, read as a
    # passive with the verb before as its subject, describes it
    "a cat naps beside a watering can painted mint green": {
        "cat": set(), "can": {"watering", "painted", "mint", "green"}},
    "a dog sleeps next to a trash can covered in graffiti": {
        "dog": set(), "can": {"trash", "covered"}, "graffiti": set()},
    "a soda can and a paper cup": {"can": {"soda"}, "cup": {"paper"}},
    # a participle with no ending read as a compound's head; "in half" is how it is cut
    "a plate with a sandwich cut in half": {"plate": set(), "sandwich": {"cut"}},
    "a cake cut into squares": {"cake": {"cut"}, "squares": set()},
    # an -ing participle on the lifeless place of an animate's posture is the animate's
    "a cat lying on a rug playing with yarn": {"cat": {"lying", "playing"}, "rug": set(),
                                               "yarn": set()},
    "a boy standing on a chair reaching for a cookie jar": {
        "boy": {"standing", "reaching"}, "chair": set(), "jar": {"cookie"}},
    # a past tense after "with" and a possessed noun, the clause verb's conjunct or the root
    # over it, says how the noun is
    "a girl sits on a bench with her legs crossed": {
        "girl": set(), "bench": set(), "legs": {"crossed"}},
    "an old watchmaker bends over a pocket watch with its gears spread on a green mat": {
        "watchmaker": {"old"}, "watch": {"pocket"}, "gears": {"spread"}, "mat": {"green"}},
    # a noun conjunct with a possessive opens a phrase of its own, drawn or not
    "a dog sleeps, its tail curled and its ears down": {"dog": set(), "tail": {"curled", "down"}},
    # a known noun tagged a past tense opening a tag before its object: a compound
    "1girl, maid outfit, cafe": {"girl": {"1"}, "outfit": {"maid"}, "cafe": set()},
    # an adjective alone between commas is a tag of its own, not the first of the next
    # tag's describing words
    "1girl, chalkboard with equations, excited, sparkling eyes, upper body": {
        "girl": {"1", "excited"}, "chalkboard": set(), "equations": set(),
        "eyes": {"sparkling"}},
    # a noun ending like a participle
    "two people on a yellow moped next to a red bus": {
        "people": {"two"}, "moped": {"yellow"}, "bus": {"red"}},
    # a tag opens with a thing and what it has: a word tagged an adjective or a bare verb
    # before "with", no known verb and with no describing ending, is a noun
    "1girl, library, armchair with a knitted blanket, cup of tea": {
        "girl": {"1"}, "library": set(), "armchair": set(), "blanket": {"knitted"},
        "cup": set(), "tea": set()},
    # a count written after its noun with a times sign counts the noun
    "cute cats x3, sleeping, cushion": {"cats": {"cute", "3", "sleeping"}, "cushion": set()},
    # a passive's colours, hung by the parser on the noun a relative clause describes
    "a room where the walls are painted teal": {"room": set(), "walls": {"painted", "teal"}},
    # a "noun" before a possessive is a verb, its object after; a participle's phrase after
    # "the" and its noun closes the subject's phrase
    "The old man dressed in black walks his dog": {
        "man": {"old", "dressed", "black"}, "dog": set()},
    # a determiner opens a noun's phrase, and a plural hung on the plural after it, which
    # ends an item, is an item of its own
    "a wooden floor some tables chairs and a brown clock": {
        "floor": {"wooden"}, "tables": set(), "chairs": set(), "clock": {"brown"}},
    # a known animate the tagger called an adjective, before the -ing word made its head
    "a fluffy white samoyed puppy playing in autumn leaves": {
        "puppy": {"fluffy", "white", "samoyed", "playing"}, "leaves": {"autumn"}},
    # the clause's verb read as the noun of a colour worn: the colour describes the wearer
    "A man wearing black walks along the beach": {"man": {"black"}, "beach": set()},
    "the girl wearing white and black rides atop a red pony": {
        "girl": {"white", "black"}, "pony": {"red"}},
    "a woman dressed in red walks a dog": {"woman": {"dressed", "red"}, "dog": set()},
    "a boy in blue rides along the road": {"boy": {"blue"}, "road": set()},
    "two men in grey walk along the pier": {"men": {"two", "grey"}, "pier": set()},
    # ... but a known noun after the colour is what is worn
    "a skier in red skis down the slope": {"skier": set(), "skis": {"red"}, "slope": set()},
    "two girls in pink skirts walk along the pier": {
        "girls": {"two"}, "skirts": {"pink"}, "pier": set()},
    # the frame "close up" written in two words is no thing
    "A close up of a red apple in a bowl": {"apple": {"red"}, "bowl": set()},
    "An up close of a blue tie and a checkered shirt": {"tie": {"blue"}, "shirt": {"checkered"}},
    # -ing words opening the phrase after a comma, read as nouns, are the clause's
    # participles, of its subject
    "the red cars zoomed along the busy highway, honking and weaving in and out of lanes": {
        "cars": {"red", "honking", "weaving"}, "highway": {"busy"}, "lanes": set()},
    "The white birds flew over the lake, circling and diving for fish.": {
        "birds": {"white", "circling", "diving"}, "lake": set(), "fish": set()},
    "The crowd filled the square, cheering and waving flags.": {
        "crowd": {"cheering", "waving"}, "square": set(), "flags": set()},
    # a tag of a part and the word of its state: the part in that state, a tag of its own
    "1boy, hands up, ears down, tail up, forest": {
        "boy": {"1"}, "hands": {"up"}, "ears": {"down"}, "tail": {"up"}, "forest": set()},
    "1girl, eyes closed, mouth open, smile, classroom": {
        "girl": {"1"}, "eyes": {"closed"}, "mouth": {"open"}, "classroom": set()},
    "cat, ears back, tail down, grass": {
        "cat": set(), "ears": {"back"}, "tail": {"down"}, "grass": set()},
    # a plural subject's bare verb read as the noun closing the subject's last phrase
    "A woman in a red dress and a man in a black suit dance": {
        "woman": set(), "dress": {"red"}, "man": set(), "suit": {"black"}},
    "a dog with a red collar and a cat with a blue bell sleep on the rug": {
        "dog": set(), "collar": {"red"}, "cat": set(), "bell": {"blue"}, "rug": set()},
    # ... but a describing word before the "verb" keeps it a noun
    "a man and a woman on a brisk walk": {"man": set(), "woman": set(), "walk": {"brisk"}},
    # a plural read as a verb with its participle read as its object (or as the verb it
    # swaps with) is a tag's noun and participle
    "castle, ravens flying, moon": {"castle": set(), "ravens": {"flying"}, "moon": set()},
    ("photo of a viking woman, red hair, war paint, fur cloak, holding an axe, snowy "
     "battlefield, ravens flying, dramatic sky, cinematic lighting, sharp focus"): {
        "woman": {"viking"}, "hair": {"red"}, "paint": {"war"}, "cloak": {"fur"}, "axe": set(),
        "battlefield": {"snowy"}, "ravens": {"flying"}, "sky": {"dramatic"}},
    # an -ing word the tagger took for a lower-case name, with a subject before it, is the
    # subject's participle
    "lake, ducks swimming, reeds, morning mist": {
        "lake": set(), "ducks": {"swimming"}, "reeds": set()},
    # quoted text after a verb of saying or before a participle of writing is mentioned, not
    # drawn, and what it is written on keeps no participle of writing
    "A storefront with 'Deep Learning' written on it.": {"storefront": set()},
    "a lost teddy bear sits on a shelf labeled 'unclaimed'": {
        "bear": {"lost", "teddy"}, "shelf": {"labeled"}},
    'A green sign that says "Very Deep Learning" at the edge of a canyon.': {
        "sign": {"green"}, "canyon": set()},
    # ... and a noun that names the text is described by it
    "a mug with the words 'best dad' printed on it": {"mug": set(), "words": {"best", "dad"}},
    # a noun before a participle that is a copula's complement is the predicate's first word
    "the mountains were snow capped": {"mountains": {"snow", "capped"}},
    # one colour or a garment worn before the -ing form of a known verb, read as one noun
    # phrase, is what the wearer is in; the -ing word is the wearer's participle
    "A man in white skiing in the snow.": {"man": {"white", "skiing"}, "snow": set()},
    "a man in white shirt skiing down a slope": {
        "man": {"skiing"}, "shirt": {"white"}, "slope": set()},
    # "one" before a pro-form's colour counts nothing: it picks one of the antecedent, which
    # the colour describes (a numeral before a colour makes no palette tag)
    "Two dogs, one brown and one spotted, chase a ball.": {
        "dogs": {"Two", "brown", "spotted"}, "ball": set()},
    # the last thing a wearer is in, read as a verb or as the subject of the wearer's verb, is
    # worn with the thing before it, and the verb is the wearer's
    "A man in a suit and tie standing in a room.": {
        "man": {"standing"}, "suit": set(), "tie": set(), "room": set()},
    "a man wearing a suit and tie standing next to a woman": {
        "man": {"standing"}, "suit": set(), "tie": set(), "woman": set()},
    "A man in a black suit and tie is smiling.": {
        "man": {"smiling"}, "suit": {"black"}, "tie": set()},
    # the garment "top", tagged an adjective where it closes its phrase, is the noun of the
    # words before it (a top that stands before its noun stays an adjective: "the top shelf")
    "a batter in orange pants, white uniform top and black helmet": {
        "batter": set(), "pants": {"orange"}, "top": {"white", "uniform"},
        "helmet": {"black"}},
    "a red book on the top shelf of a bookcase": {
        "book": {"red"}, "shelf": {"top"}, "bookcase": set()},
    # a mood word standing as a tag of its own is about the picture whatever the tagger made
    # of it (gothic/NN, tranquil/NN, blurry/NN): no entity
    "1girl, long hair, gothic, masterpiece": {"girl": {"1"}, "hair": {"long"}},
    "1boy, armor, tranquil, lake, dreamlike": {"boy": {"1"}, "armor": set(), "lake": set()},
    "a cabin in the woods, snow, blurry, 4k": {"cabin": set(), "woods": set(), "snow": set()},
    # a render tag stays one whatever a later tag hangs on it ("4k"/CD on lines) and the size
    # of a scene as a tag is none of its things
    "a red car on a road, clean lines, 4k": {"car": {"red"}, "road": set()},
    "a castle on a floating island, epic scale, matte painting": {
        "castle": set(), "island": {"floating"}},
    # an -ing word of a verb that takes no object, joined by "and" to a noun, describes the
    # noun after it (glowing/conj with eyes its "object"); a verb that takes one stays a verb
    "a knight with braided hair and glowing red eyes": {
        "knight": set(), "hair": {"braided"}, "eyes": {"glowing", "red"}},
    # movements of art and the shading of a drawing, as tags, are about the picture
    "a red car on a road, oil painting, romanticism, soft shading, highly detailed": {
        "car": {"red"}, "road": set()},
    # a known noun tagged a verb after a noun is the compound's head though the parser gave
    # it an "object" past a comma: the object stands in a later tag
    "tiny hedgehog wearing a knitted green scarf, autumn leaves falling, warm golden light": {
        "hedgehog": {"tiny"}, "scarf": {"knitted", "green"}, "leaves": {"autumn", "falling"}},
    # a preposition of place takes no -ing clause: the -ing word before its bare noun is
    # prenominal (peeling/pcomp, walls its "object")
    "an oil lamp casts amber light across peeling blue walls": {
        "lamp": {"oil"}, "walls": {"peeling", "blue"}},
    # a describing word after a relative clause's "and", made a second subject of the noun's
    # verb, is the clause's predicate; a bare noun subject stays one
    "a kettle that is dented and copper sits beside a bowl which is glossy white": {
        "kettle": {"dented", "copper"}, "bowl": {"glossy", "white"}},
    "a man who is tired and children play": {"man": {"tired"}, "children": set()},
    # the plural of a known animate opening a comma part, tagged a 3rd-person verb before an
    # -ing word, is a noun and the -ing word its participle
    "A knight kneels before a sword, ravens circling overhead.": {
        "knight": set(), "sword": set(), "ravens": {"circling"}},
    # a known noun tagged a verb after a noun the tagger called a lower-case proper noun
    # closes the compound as after a common noun
    "ancient temple ruins overgrown with vines, a lone explorer with a lantern": {
        "ruins": {"ancient", "temple", "overgrown"}, "vines": set(), "explorer": {"lone"},
        "lantern": set()},
    # an article the tagger called a pronoun is no noun: the colours before the noun are its
    "A yellow, purple, and red umbrella and a women looking at them.": {
        "umbrella": {"yellow", "purple", "red"}, "women": {"looking"}},
    # what a wearer has is listed together wherever the parser hung the "and" or comma that
    # joins it, and a participle after the list is the wearer's
    "A skier with white pants and a black jacket traveling on skis .": {
        "skier": {"traveling"}, "pants": {"white"}, "jacket": {"black"}, "skis": set()},
    "A man with a red hat, a blue coat and black boots walking down the street": {
        "man": {"walking"}, "hat": {"red"}, "coat": {"blue"}, "boots": {"black"},
        "street": set()},
    "a person in purple pants and a black shirt standing": {
        "person": {"standing"}, "pants": {"purple"}, "shirt": {"black"}},
    # a past participle right after the lifeless object of a place phrase is that object's
    # (not one of dress, which is the posed one's)
    "a vintage red convertible parked on a cobblestone street lined with cherry trees "
    "in full bloom": {
        "convertible": {"vintage", "red", "parked"}, "street": {"cobblestone", "lined"},
        "trees": {"cherry"}, "bloom": {"full"}},
    "a man sitting on a bench dressed in black": {
        "man": {"sitting", "dressed", "black"}, "bench": set()},
    # a participle after a with phrase is the animate owner's: the stag stands, not its antlers
    "a majestic white stag with glowing antlers standing in a misty birch forest": {
        "stag": {"majestic", "white", "standing"}, "antlers": {"glowing"},
        "forest": {"misty", "birch"}},
    # a reduced relative on a frame's subject is what the frame shows
    "photo of a red fox curled up in the snow": {"fox": {"red", "curled"}, "snow": set()},
    # a known noun opening a tag is a noun, whatever the tagger called it (knight/UH)
    "knight, full plate armor, (glowing blue runes:1.4), giant sword, standing on a cliff, "
    "dragon flying overhead, epic, dark fantasy": {
        "knight": {"standing"}, "armor": {"full", "plate"}, "runes": {"glowing", "blue"},
        "sword": {"giant"}, "cliff": set(), "dragon": {"flying"}},
    # a noun opening its tag with its own participle is no modifier of a later tag
    "1girl, red dress, hair blowing in the wind, beach": {
        "girl": {"1"}, "dress": {"red"}, "hair": {"blowing"}, "beach": set()},
    # a base-form verb the parser made the head of a plural's compound is that plural's verb
    "The ancient library is lit by floating candles; tall oak shelves curve toward a domed "
    "glass ceiling": {
        "library": {"ancient", "lit"}, "candles": {"floating"}, "shelves": {"tall", "oak"},
        "ceiling": {"domed", "glass"}},
    # a "noun" the tagger nearly read as a verb, with its own object, is the verb of the
    # plural before it; the past form opening the phrase is the plural's participle
    "seagulls circle above the masts, stacked lobster traps line the pier, muted colors": {
        "seagulls": set(), "masts": set(), "traps": {"stacked", "lobster"}, "pier": set()},
    # resultatives: a verb of colouring paints its object the colours after it (issue 18's
    # class 10), whatever the parser made the head of the object's phrase
    "a man painting a fence bright yellow": {"man": set(), "fence": {"bright", "yellow"}},
    "a girl dyes her hair pink": {"girl": set(), "hair": {"pink"}},
    "a boy coloring a big star green and gold with a crayon": {
        "boy": set(), "star": {"big", "green", "gold"}, "crayon": set()},
    "a girl paints flowers on a canvas": {"girl": set(), "flowers": set(), "canvas": set()},
    # a relational adverb after a relative clause's describing words is no noun they describe
    "a teapot that is chipped and blue next to a cup which is cracked": {
        "teapot": {"chipped", "blue"}, "cup": {"cracked"}},
    # a comma part of describing words describes the head noun of the part before it, not
    # the last noun of its participle's phrase, and not as a predicate
    "a castle built on a hill, dark and ominous": {
        "castle": {"built", "dark", "ominous"}, "hill": set()},
    "a tower made of stacked crates, tall and wobbly": {
        "tower": {"made", "tall", "wobbly"}, "crates": {"stacked"}},
    "a dragon perched on a rock, huge and ancient, at dusk": {
        "dragon": {"perched", "huge", "ancient"}, "rock": set()},
    # ... but a style name stays one ("low poly")
    "a barista behind the counter, neon open sign, low poly, blender": {
        "barista": set(), "counter": set(), "sign": {"neon", "open"}},
    # an -ing "noun" opening its tag with its own preposition, hung as a clause, is the
    # character's participle, no entity
    "tiny astronaut sitting on a crescent moon, fishing for stars, cartoon style, starry night "
    "sky": {"astronaut": {"tiny", "sitting", "fishing"}, "moon": {"crescent"}, "stars": set(),
            "sky": {"starry", "night"}},
    # light tagged an adjective after a describing word, closing its phrase, is the noun
    "interior of a gothic cathedral, stained glass windows, rays of colored light, wooden "
    "pews, candles": {
        "cathedral": {"gothic"}, "windows": {"stained", "glass"}, "rays": set(),
        "pews": {"wooden"}, "candles": set()},
    "a light blue shirt": {"shirt": {"light", "blue"}},
    # a describing -ing word opening a tag describes the tag's noun, though the parser gave
    # it an object in the next tag and hung the noun there
    "cyberpunk samurai, glowing katana, torn black kimono, rain, neon city, holographic "
    "billboards, volumetric fog, cinematic, 8k": {
        "samurai": {"cyberpunk"}, "katana": {"glowing"}, "kimono": {"torn", "black"},
        "rain": set(), "city": {"neon"}, "billboards": {"holographic"}},
    # irregular past forms shared with the participle: a caption's reduced relative, and the
    # head of a compound the tagger made a noun
    "a kite stuck in a tree": {"kite": {"stuck"}, "tree": set()},
    "a banner strung across the street": {"banner": {"strung"}, "street": set()},
    "a flag hung from the balcony": {"flag": {"hung"}, "balcony": set()},
    "a man hung a picture on the wall": {"man": set(), "picture": set(), "wall": set()},
    # ... a past participle after the place of an -ing action is the place's
    "an astronaut lounging in a hammock strung between two palm trees on the moon": {
        "astronaut": {"lounging"}, "hammock": {"strung"}, "trees": {"two", "palm"},
        "moon": set()},
    "a man sitting in a chair dressed in black": {"man": {"sitting", "dressed", "black"},
                                                  "chair": set()},
    # a style tag's ending heads the tag: the word the parser read as a verb describes nothing
    "a vintage red convertible parked outside a diner at dusk, chrome gleaming, pink and "
    "purple sky, palm trees silhouetted, synthwave aesthetic": {
        "convertible": {"vintage", "red", "parked"}, "diner": set(), "chrome": {"gleaming"},
        "sky": {"pink", "purple"}, "trees": {"palm", "silhouetted"}},
    # a held thing the tagger read as a verb opening its tag is a noun
    "a lighthouse keeper climbing a spiral staircase, lantern in hand, storm raging outside": {
        "keeper": {"lighthouse"}, "staircase": {"spiral"}, "lantern": set(), "hand": set(),
        "storm": {"raging"}},
    "a city street at night, neon reflections in puddles": {
        "street": {"city"}, "reflections": {"neon"}, "puddles": set()},
    # an -ing "noun" heading the noun before it, a subordinator after it, is its participle
    "a knight kneeling before a glowing sword stuck in a stone, ruined chapel": {
        "knight": {"kneeling"}, "sword": {"glowing", "stuck"}, "stone": set(),
        "chapel": {"ruined"}},
    # a word tagged an auxiliary that is none, before a verb with no subject, is its subject
    "an old fisherman mending his nets on a wooden dock, seagulls circling above, fishing "
    "boats moored in the harbor": {
        "fisherman": {"old"}, "nets": set(), "dock": {"wooden"}, "seagulls": {"circling"},
        "boats": {"fishing", "moored"}, "harbor": set()},
    # a participle the parser made an apposition of the noun before it is its participle
    "a red fox sleeping curled in a hollow log, snow falling gently": {
        "fox": {"red", "sleeping", "curled"}, "log": {"hollow"}, "snow": {"falling", "gently"}},
    # the colouring of a coat is a colour
    "three kittens in a wicker basket, one orange, one gray and one calico, fluffy blanket": {
        "kittens": {"three", "orange", "gray", "calico"}, "basket": {"wicker"},
        "blanket": {"fluffy"}},
    # a verb a thing does to what it shows has the noun before it for its subject
    "a shop window displaying hats": {"window": {"shop"}, "hats": set()},
    # a base-form "verb" opening its tag before its own -ing word is a noun
    "a cottage with ivy-covered walls and a bright red door, smoke drifting from its crooked "
    "chimney": {"cottage": set(), "walls": {"ivy-covered"}, "door": {"bright", "red"},
                "smoke": {"drifting"}, "chimney": {"crooked"}},
    "a smiling girl, keep smiling": {"girl": {"smiling"}},
    # a noun, a preposition and the same noun are an adverb: no entity
    "two horses galloping side by side": {"horses": {"two", "galloping", "side by side"}},
    "a couple walking hand in hand on the beach": {"couple": {"walking", "hand in hand"},
                                                   "beach": set()},
    # a game played is no thing
    "a dog playing fetch in the park": {"dog": set(), "park": set()},
    # an -ing participle after a possessed noun's absolute phrase is the owner's
    "a wolf, its fur matted with snow, howling at the moon": {
        "wolf": {"howling"}, "fur": {"matted"}, "snow": set(), "moon": set()},
    "a knight, his armor dented and scratched, kneeling in the mud": {
        "knight": {"kneeling"}, "armor": {"dented", "scratched"}, "mud": set()},
    # a pro-form numeral on a colour the tagger called a noun is no word of the description
    "two owls on a branch, the larger one brown and the smaller one snowy white": {
        "owls": {"two", "larger", "brown", "smaller", "snowy", "white"}, "branch": set()},
    # the object of "during" is an event, a time: no entity
    "a cathedral during evening mass": {"cathedral": set()},
    # a noun hung as a compound on the finite verb right after it, agreeing, is its subject
    "a busy restaurant kitchen during dinner service, flames leap from a steel pan": {
        "kitchen": {"busy", "restaurant"}, "flames": set(), "pan": {"steel"}},
    # a hair colour with an article names a person, as a colour thing does
    "a blond wearing a black top and sitting in a white chair": {
        "blond": {"sitting"}, "top": {"black"}, "chair": {"white"}},
    # a participle that is its base form, opening its tag before a bare noun, describes it
    "dragon, black scales, red eyes, spread wings, breathing fire, castle ruins": {
        "dragon": set(), "scales": {"black"}, "eyes": {"red"}, "wings": {"spread"},
        "fire": set(), "ruins": {"castle"}},
    # a tag of a bare noun and a past participle is one describing word written apart
    "mecha, giant robot, battle damaged, smoke, ruined city, sunset": {
        "mecha": set(), "robot": {"giant", "battle", "damaged"}, "smoke": set(),
        "city": {"ruined"}},
    "a knight, battle scarred, kneeling": {"knight": {"battle", "scarred", "kneeling"}},
    "a temple, ukiyo-e inspired, cherry blossoms": {"temple": set(),
                                                    "blossoms": {"cherry"}},
    # a comparative with "than" describes the noun before it, like "red as blood"; a verb the
    # standard was read as the subject of is the noun's, and a conjunct stays a modifier
    "a tree taller than the house stands in a field": {
        "tree": {"taller"}, "house": set(), "field": set()},
    "a lighthouse taller than the surrounding cliffs, painted red and white": {
        "lighthouse": {"taller", "painted", "red", "white"}, "cliffs": {"surrounding"}},
    "a mushroom taller than a man next to a small red house": {
        "mushroom": {"taller"}, "man": set(), "house": {"small", "red"}},
    "a sword longer than a man, glowing blue": {
        "sword": {"longer", "glowing", "blue"}, "man": set()},
    "a tower more beautiful than the palace": {"tower": {"more", "beautiful"}, "palace": set()},
    # "both" after a coordination stands for each conjunct; a finite verb stays unbound and a
    # prepositional phrase keeps its relation
    "a red fox and a gray wolf, both staring at the moon": {
        "fox": {"red", "staring"}, "wolf": {"gray", "staring"}, "moon": set()},
    "a cat and a dog, both black": {"cat": {"black"}, "dog": {"black"}},
    "the mug and the teapot, both chipped and old": {
        "mug": {"chipped", "old"}, "teapot": {"chipped", "old"}},
    "a cat and a dog, both sleep": {"cat": set(), "dog": set()},
    # an action after animate conjuncts is done by each, whatever phrases the first has
    "a man in a blue suit and a woman in a green dress dancing under string lights": {
        "man": {"dancing"}, "suit": {"blue"}, "woman": {"dancing"}, "dress": {"green"},
        "lights": {"string"}},
    # a pose is a state, not a thing
    "a man in black shorts pulls poses with a golf club": {
        "man": set(), "shorts": {"black"}, "club": {"golf"}},
    "a model striking a dramatic pose in a red dress": {"model": set(), "dress": {"red"}},
    # a particle closes a "with" phrase as its noun's state: the participle after it is the head's
    "a car with its headlights on parked on a dark street": {  # (a part without description)
        "car": {"parked"}, "street": {"dark"}},
    "a pot with the lid off sitting on the stove": {"pot": {"sitting"}, "lid": set(),
                                                    "stove": set()},
    # facial hair closing its tag is a noun, whatever the tagger says
    "an elderly fisherman, weathered face, grey stubble, yellow raincoat": {
        "fisherman": {"elderly"}, "face": {"weathered"}, "stubble": {"grey"},
        "raincoat": {"yellow"}},
    # a word of an adjective's sense before its noun describes it, whatever its tag
    "an old rowboat tied to a dock on a still lake": {
        "rowboat": {"old", "tied"}, "dock": set(), "lake": {"still"}},
    "a cat still sleeping on a mat": {"cat": {"sleeping"}, "mat": set()},
    # a colour set off inside a sentence is its noun's, no palette of the picture
    "a bird, bright yellow, on a branch that is covered in snow": {
        "bird": {"bright", "yellow"}, "branch": {"covered"}, "snow": set()},
    "a bird, yellow, perched on a branch": {"bird": {"yellow", "perched"}, "branch": set()},
    # a numeral before a describing word in brackets is a pro-form, no count
    "five ducks (two white, three brown) on a pond": {
        "ducks": {"five", "white", "brown"}, "pond": set()},
    # a progressive coordinated with a relative clause's verb describes the noun too
    "a man who is wearing a red hat and who is smiling": {"man": {"smiling"}, "hat": {"red"}},
    "a man who wears a hat and smiles": {"man": set(), "hat": set()},
    # martial arts are an activity, not a thing
    "a person is holding a sword and practicing martial arts": {"person": set(),
                                                                  "sword": set()},
    # a bare plural after "by" is a place's things, no author; a name still is one
    "A white bench in a green field by mountains.": {
        "bench": {"white"}, "field": {"green"}, "mountains": set()},
    "a castle, art by greg rutkowski": {"castle": set()},
    # qualities, stories, school subjects, events and views are nothing to draw
    "a proud teacher telling jokes to her students about math at a rally": {
        "teacher": {"proud"}, "students": set()},
    "the winding roads were steep, but the views were breathtaking": {"roads": {"winding",
                                                                              "steep"}},
    # a past form set off after its clause describes the clause's subject; light-giving verbs
    # have no passive, so their -ed form after a noun is the clause's verb
    "the cat slept on the sofa, curled into a ball": {"cat": {"curled"}, "sofa": set(),
                                                     "ball": set()},
    "the lanterns swayed in the wind, strung between the trees": {"lanterns": {"strung"},
                                                                    "trees": set()},
    "the polished stones glittered in the sunlight, arranged in a neat circle": {
        "stones": {"polished", "arranged"}},
    "the dog barked, jumped over the fence": {"dog": set(), "fence": set()},
    # an -ing word of motion or state by itself ending three bare nouns is no object
    "a crowded subway car, fluorescent lights flickering, gritty realism": {
        "car": {"crowded", "subway"}, "lights": {"fluorescent", "flickering"}},
    # a noun the tagger called an adverb, before the verb it hangs on, is its subject
    "a golden retriever running on the beach": {"retriever": {"golden", "running"},
                                                "beach": set()},
    "a young couple walking hand in hand, a golden retriever running ahead of them": {
        "couple": {"young", "walking", "hand in hand"}, "retriever": {"golden", "running"}},
    # a preposition with its object before an -ing word: the -ing word is no prenominal
    "a baker in a white apron kneading dough, trays of fresh croissants cooling on racks": {
        "baker": set(), "apron": {"white"}, "dough": set(), "trays": set(),
        "croissants": {"fresh", "cooling"}, "racks": set()},
    # a plural tag the tagger nearly read singular ends no list item after "a"
    "a girl holding a tennis racquet": {"girl": set(), "racquet": {"tennis"}},
    # a clausal subject of an -ing verb of no object and its noun: the noun glows
    "glowing mushrooms light the forest floor": {"mushrooms": {"glowing"},
                                                 "floor": {"forest"}},
    # a plural before an article is the verb of the compound before it
    "the smith hammers a glowing blade on an anvil": {
        "smith": set(), "blade": {"glowing"}, "anvil": set()},
    # a vessel's sails go where it goes: the participle after them is the vessel's
    "a wooden sailboat with white sails anchored in a turquoise bay": {
        "sailboat": {"wooden", "anchored"}, "sails": {"white"}, "bay": {"turquoise"}},
    # a plural and a past form set off are an absolute phrase, no describing word written apart
    "a table set for dinner, candles lit, wine glasses half full, a bouquet of roses in the "
    "center": {"table": {"set"}, "candles": {"lit"}, "glasses": {"wine", "half", "full"},
               "roses": set()},
    # engines idle
    "old trucks in green and cream idle by the curb": {
        "trucks": {"old", "green", "cream"}, "curb": set()},
    # a design named as a tag is how the thing is made
    "futuristic motorcycle, sleek design, carbon fiber body, desert highway, product design": {
        "motorcycle": {"futuristic"}, "body": {"carbon", "fiber"}, "highway": {"desert"}},
    # artists, studios, sites and styles named as tags, with or without "by", are no things
    # and bind nothing; names of several words count only together
    "portrait of a female warrior, red armor, greg rutkowski, artgerm, wlop, alphonse mucha": {
        "warrior": {"female"}, "armor": {"red"}},
    "a knight, art by greg rutkowski and alphonse mucha": {"knight": set()},
    "1girl, artist:wlop, red dress, white parasol": {
        "girl": {"1"}, "dress": {"red"}, "parasol": {"white"}},
    "castle on a hill, alan lee, john howe": {"castle": set(), "hill": set()},
    "a lonely diner at night, edward hopper, oil painting": {"diner": {"lonely"}},
    "a hopper full of grain": {"hopper": {"full"}},
    "a city, dark fantasy, high fantasy, low poly": {"city": set()},
    "a cat, pop art, cel shading, (ink wash:1.3)": {"cat": set()},
    "an art deco building, a low wall, a slice of bread": {
        "building": {"art", "deco"}, "wall": {"low"}, "slice": set(), "bread": set()},
    # a later tag ending in a style word names a style: its nouns are no things
    "a fox, harry potter vibes": {"fox": set()},
    "a girl on a rooftop, city at night, lo-fi aesthetic": {
        "girl": set(), "rooftop": set(), "city": set()},
    "medieval village, game of thrones inspired, soft light": {"village": {"medieval"}},
    # quality words and camera effects as tags bind nothing
    "(masterpiece:1.2), ultra detailed, 1boy, muscular, short black hair": {
        "boy": {"1", "muscular"}, "hair": {"short", "black"}},
    "a red sports car on a wet road, reflections, city lights, bokeh, night photography": {
        "car": {"red", "sports"}, "road": {"wet"}, "reflections": set(), "lights": {"city"}},
    # weather as a tag is about the picture
    "a cabin, rainy, foggy, misty, cozy": {"cabin": set()},
    # a verb of moving has no passive: after its subjects it is their past tense
    "three cars and four pigs raced down the road": {
        "cars": {"three"}, "pigs": {"four"}, "road": set()},
}


@pytest.mark.parametrize("prompt", list(CASES))
def test_bindings(parse, prompt):
    assert bindings(parse(prompt)) == CASES[prompt]


KINDS = {
    "three red apples": {("apples", "three"): "count", ("apples", "red"): "attribute"},
    "a fire hydrant": {("hydrant", "fire"): "compound"},
    "a navy blue shirt": {("shirt", "navy"): "attribute", ("shirt", "blue"): "attribute"},
    "a pink metal bench": {("bench", "pink"): "attribute", ("bench", "metal"): "compound"},
    "a glass and steel skyscraper": {("skyscraper", "glass"): "compound",
                                     ("skyscraper", "steel"): "compound"},
    "several red apples": {("apples", "several"): "count", ("apples", "red"): "attribute"},
    # a numeral after "a" belongs to a modifier; "a hundred" still counts
    "a three story house": {("house", "three"): "attribute", ("house", "story"): "compound"},
    "a hundred paper lanterns": {("lanterns", "hundred"): "count",
                                 ("lanterns", "paper"): "compound"},
    # an adjective the parser hung as a count describes: "half" is the portion's look
    "a half sandwich on a green plate": {("sandwich", "half"): "attribute",
                                         ("plate", "green"): "attribute"},
    # a numeral measuring an adjective is part of it, wherever it stands
    "photo of a smiling 45 year old baker": {
        ("baker", "smiling"): "attribute", ("baker", "45"): "attribute",
        ("baker", "year"): "attribute", ("baker", "old"): "attribute"},
    "two 10 foot tall statues": {
        ("statues", "two"): "count", ("statues", "10"): "attribute",
        ("statues", "foot"): "attribute", ("statues", "tall"): "attribute"},
    # a year before a singular noun is its model year, no count; before a plural it counts
    "a dusty green 1948 Ford parked by a barn": {
        ("Ford", "dusty"): "attribute", ("Ford", "green"): "attribute",
        ("Ford", "1948"): "attribute", ("Ford", "parked"): "attribute"},
    "2000 paper cranes hang from the ceiling": {("cranes", "2000"): "count",
                                                ("cranes", "paper"): "compound"},
    # "single" takes an article like any adjective: an attribute
    "a single purple daisy": {("daisy", "single"): "attribute", ("daisy", "purple"): "attribute"},
    # a numeral before a quantity noun is the members' count (the quantity is no entity)
    "three groups of tourists": {("tourists", "three"): "count"},
    # a plural numeral before "of" counts the members, and is no entity itself
    "hundreds of paper lanterns": {("lanterns", "hundreds"): "count",
                                   ("lanterns", "paper"): "compound"},
    "dozens of red balloons float above the rocks": {("balloons", "dozens"): "count",
                                                     ("balloons", "red"): "attribute"},
    # a numeral after its noun counts nothing
    "four candles two are lit": {("candles", "four"): "count"},
}


@pytest.mark.parametrize("prompt", list(KINDS))
def test_kinds(parse, prompt):
    assert kinds(parse(prompt)) == KINDS[prompt]


RELATIONS = {
    "the knight wears silver armor and the dragon breathes fire": {
        ("knight", "wears", "armor"), ("dragon", "breathes", "fire")},
    "a cat with blue eyes": {("cat", "with", "eyes")},
    "a cup of coffee": {("cup", "of", "coffee")},
    "a cat on a table": {("cat", "on", "table")},
    "a bird in a cage": {("bird", "in", "cage")},
    "a cat next to a dog": {("cat", "next to", "dog")},
    "a cat in front of a red car": {("cat", "in front of", "car")},
    "a cat on top of a red box": {("cat", "on top of", "box")},
    "a cat to the left of a dog": {("cat", "to the left of", "dog")},
    "a dog wearing a red hat": {("dog", "wearing", "hat")},
    "a dog that has blue eyes": {("dog", "has", "eyes")},
    "a cat sitting on a blue mat": {("cat", "sitting on", "mat")},
    "a cat chased by a dog": {("cat", "chased by", "dog")},
    "a pink sunflower and a yellow flamingo": set(),
    # each wearer wears its own: the girl, parsed as a conjunct of the hat, wears the scarf
    "a boy wearing a red hat and a girl wearing a blue scarf": {
        ("boy", "wearing", "hat"), ("girl", "wearing", "scarf")},
}


@pytest.mark.parametrize("prompt", list(RELATIONS))
def test_relations(parse, prompt):
    assert relations(parse(prompt)) == RELATIONS[prompt]


def test_relation_labels_are_kept(parse):
    spec = parse("a dog that is red and a cat that is blue")
    assert {m.relation for e in spec.entities for m in e.modifiers} == {"relcl"}
    spec = parse("the car is red")
    assert spec.entities[0].modifiers[0].relation == "acomp"
    spec = parse("a red and blue table")
    assert {m.text: m.relation for m in spec.entities[0].modifiers} == {"red": "amod",
                                                                       "blue": "conj"}


def test_spans_point_into_the_prompt(parse):
    prompt = "A red crown and a golden strawberry"
    spec = parse(prompt)
    crown = spec.entities[0]
    assert crown.span == (6, 11) and prompt[6:11] == "crown"
    assert crown.modifiers[0].span == (2, 5)


def test_repeated_words_get_their_own_spans(parse):
    spec = parse("a red cube and a red ball")
    reds = [e.modifiers[0].span for e in spec.entities]
    assert reds == [(2, 5), (17, 20)]


def test_entities_are_in_text_order_with_stable_ids(parse):
    spec = parse("a blue car and a green apple and a purple teddy bear")
    assert [(e.id, e.text) for e in spec.entities] == [("e0", "car"), ("e1", "apple"),
                                                     ("e2", "bear")]


# Repairs on the parses the small model produces, written out by hand (the model does not make
# these mistakes on every wording, so the parse is fixed here, not left to chance).

def test_a_noun_with_its_own_subject_is_a_verb():
    """ "Gulls, loud, crash against the pier" parsed with crash/NOUN as the root and the gulls
    as its subject: crash is the verb, not a second entity."""
    text = "Gulls, loud, crash against the pier"
    g = hand_graph(text, [("Gulls", "NOUN", "nsubj", 4), (",", "PUNCT", "punct", 0),
                          ("loud", "ADJ", "amod", 0), (",", "PUNCT", "punct", 0),
                          ("crash", "NOUN", "ROOT", None), ("against", "ADP", "prep", 4),
                          ("the", "DET", "det", 7), ("pier", "NOUN", "pobj", 5)])
    assert graph_bindings(g) == {"Gulls": {"loud"}, "pier": set()}


def test_postnominal_adjectives_after_a_phrase():
    """ "the hills at dusk, quiet and grey" parsed with quiet coordinated with dusk."""
    text = "the hills at dusk, quiet and grey"
    g = hand_graph(text, [("the", "DET", "det", 1), ("hills", "NOUN", "ROOT", None),
                          ("at", "ADP", "prep", 1), ("dusk", "NOUN", "pobj", 2),
                          (",", "PUNCT", "punct", 3), ("quiet", "ADJ", "conj", 3),
                          ("and", "CCONJ", "cc", 5), ("grey", "ADJ", "conj", 5)])
    assert graph_bindings(g) == {"hills": {"quiet", "grey"}}


def test_a_bare_verb_coordinated_with_a_noun_is_a_noun():
    text = "cookies and lemonade"
    g = hand_graph(text, [("cookies", "NOUN", "ROOT", None), ("and", "CCONJ", "cc", 0),
                          ("lemonade", "VERB", "conj", 0)])
    assert graph_bindings(tagged(g, {0: "NNS", 2: "VB"})) == {"cookies": set(), "lemonade": set()}


def test_an_ing_word_after_with_before_its_bare_noun_is_prenominal():
    text = "a tower with flashing lights"
    g = hand_graph(text, [("a", "DET", "det", 1), ("tower", "NOUN", "ROOT", None),
                          ("with", "ADP", "prep", 1), ("flashing", "VERB", "pcomp", 2),
                          ("lights", "NOUN", "dobj", 3)])
    assert graph_bindings(tagged(g, {3: "VBG", 4: "NNS"})) == {"tower": set(),
                                                          "lights": {"flashing"}}


def test_a_participle_right_after_a_noun_on_the_nouns_head_is_the_nouns():
    text = "a ferry arriving and gulls circling above the pier"
    g = hand_graph(text, [("a", "DET", "det", 1), ("ferry", "NOUN", "nsubj", 2),
                          ("arriving", "VERB", "ROOT", None), ("and", "CCONJ", "cc", 2),
                          ("gulls", "NOUN", "conj", 2), ("circling", "VERB", "advcl", 2),
                          ("above", "ADP", "prep", 5), ("the", "DET", "det", 8),
                          ("pier", "NOUN", "pobj", 6)])
    assert graph_bindings(tagged(g, {2: "VBG", 5: "VBG"})) == {
        "ferry": {"arriving"}, "gulls": {"circling"}, "pier": set()}


def test_an_ing_word_coordinated_with_an_adjective_is_prenominal():
    """ "the pale, glittering stars of the sky" parsed with pale as the head and stars as the
    object of glittering."""
    text = "the pale, glittering stars of the sky"
    g = hand_graph(text, [("the", "DET", "det", 1), ("pale", "ADJ", "ROOT", None),
                          (",", "PUNCT", "punct", 1), ("glittering", "VERB", "conj", 1),
                          ("stars", "NOUN", "dobj", 3), ("of", "ADP", "prep", 4),
                          ("the", "DET", "det", 7), ("sky", "NOUN", "pobj", 5)])
    assert graph_bindings(tagged(g, {3: "VBG", 4: "NNS"})) == {
        "stars": {"pale", "glittering"}, "sky": set()}


def test_a_tag_said_twice_is_two_entities(parse):
    """"(hijab:1.2), (teal hijab:1.1)", "bubbling liquid, green liquid": the first tag (the
    tagger's hijab/JJ, liquid/JJ) is the noun said again, no describing word of the second."""
    for prompt, noun, colour in [
            ("1girl, solo, (hijab:1.2), (teal hijab:1.1), glasses, beige cardigan, holding books",
             "hijab", "teal"),
            ("1girl, solo, beaker, bubbling liquid, green liquid, laboratory", "liquid", "green")]:
        found = [sorted(m.text for m in e.modifiers) for e in parse(prompt).entities
                 if e.text == noun]
        assert found == [[], [colour]], prompt


def test_a_bare_preposition_takes_the_noun_after_it():
    """ "a heron is flying over some reeds" parsed with reeds the object of flying."""
    text = "a heron is flying over some reeds"
    g = hand_graph(text, [("a", "DET", "det", 1), ("heron", "NOUN", "nsubj", 3),
                          ("is", "AUX", "aux", 3), ("flying", "VERB", "ROOT", None),
                          ("over", "ADP", "prep", 3), ("some", "DET", "det", 6),
                          ("reeds", "NOUN", "dobj", 3)])
    assert graph_bindings(tagged(g, {3: "VBG"})) == {"heron": {"flying"}, "reeds": set()}


def test_a_comma_before_the_conjunction_keeps_the_colours_together():
    """ "a pink, green, and blue kite" parsed with pink as the root and kite the object of
    blue (tagged a verb)."""
    text = "a pink , green , and blue kite"
    g = hand_graph(text, [("a", "DET", "det", 1), ("pink", "ADJ", "ROOT", None),
                          (",", "PUNCT", "punct", 1), ("green", "ADJ", "conj", 1),
                          (",", "PUNCT", "punct", 3), ("and", "CCONJ", "cc", 3),
                          ("blue", "VERB", "conj", 3), ("kite", "NOUN", "dobj", 6)])
    assert graph_bindings(tagged(g, {6: "VB"})) == {"kite": {"pink", "green", "blue"}}


def test_a_noun_hung_as_a_conjunct_of_an_adjective_is_a_compound():
    """ "a black and tan terrier dog" parsed with terrier coordinated with black."""
    text = "a black and tan terrier dog"
    g = hand_graph(text, [("a", "DET", "det", 5), ("black", "ADJ", "amod", 5),
                          ("and", "CCONJ", "cc", 1), ("tan", "ADJ", "conj", 1),
                          ("terrier", "NOUN", "conj", 3), ("dog", "NOUN", "ROOT", None)])
    assert graph_bindings(g) == {"dog": {"black", "tan", "terrier"}}


def test_a_bare_noun_right_before_a_conjunct_noun_is_its_compound():
    """ "a mug, a spoon and kitchen towels" parsed with kitchen a conjunct of spoon."""
    text = "a mug, a spoon and kitchen towels"
    g = hand_graph(text, [("a", "DET", "det", 1), ("mug", "NOUN", "ROOT", None),
                          (",", "PUNCT", "punct", 1), ("a", "DET", "det", 4),
                          ("spoon", "NOUN", "conj", 1), ("and", "CCONJ", "cc", 4),
                          ("kitchen", "NOUN", "conj", 4), ("towels", "NOUN", "conj", 1)])
    assert graph_bindings(g) == {"mug": set(), "spoon": set(), "towels": {"kitchen"}}


def test_adverbs_tagged_as_nouns():
    """ "a ladder lying sideways on the floor" with sideways/NNS the object of lying."""
    text = "a ladder lying sideways on the floor"
    g = hand_graph(text, [("a", "DET", "det", 1), ("ladder", "NOUN", "ROOT", None),
                          ("lying", "VERB", "acl", 1), ("sideways", "NOUN", "dobj", 2),
                          ("on", "ADP", "prep", 2), ("the", "DET", "det", 6),
                          ("floor", "NOUN", "pobj", 4)])
    assert graph_bindings(tagged(g, {2: "VBG", 3: "NNS"})) == {
        "ladder": {"lying", "sideways"}, "floor": set()}


def test_a_noun_phrase_rebuilt_around_a_noun_hung_under_its_own_modifier():
    """ "a metal fire hydrant next to a path" parsed with fire as the root and hydrant/ADV under
    "next" under fire: hydrant takes fire's place."""
    text = "a metal fire hydrant next to a path"
    g = hand_graph(text, [("a", "DET", "det", 2), ("metal", "NOUN", "compound", 2),
                          ("fire", "NOUN", "ROOT", None), ("hydrant", "ADV", "advmod", 4),
                          ("next", "ADV", "advmod", 2), ("to", "ADP", "prep", 4),
                          ("a", "DET", "det", 7), ("path", "NOUN", "pobj", 5)])
    assert graph_bindings(g) == {"hydrant": {"metal", "fire"}, "path": set()}


def test_one_on_a_plural_noun_is_a_pro_form():
    """ "one black cat and a white one sleeps" parsed as [a white [one sleeps]], one a numeral
    of sleeps/NNS: white describes the cat."""
    text = "one black cat and a white one sleeps"
    g = hand_graph(text, [("one", "NUM", "nummod", 2), ("black", "ADJ", "amod", 2),
                          ("cat", "NOUN", "ROOT", None), ("and", "CCONJ", "cc", 2),
                          ("a", "DET", "det", 7), ("white", "ADJ", "amod", 6),
                          ("one", "NUM", "nummod", 7), ("sleeps", "NOUN", "conj", 2)])
    found = graph_bindings(tagged(g, {7: "NNS"}))
    assert found["cat"] == {"one", "black", "white"}


def test_a_sentence_subject_opening_with_the_keeps_its_finite_verb():
    """ "The shiny, red apples rolled across the floor" parsed with "The shiny" hung apart from
    the subject: rolled is still the sentence's verb, not a participle of apples, and shiny
    (a known adjective alone with its article before the comma) is the apples'."""
    text = "The shiny, red apples rolled across the floor"
    g = hand_graph(text, [("The", "DET", "det", 1), ("shiny", "NOUN", "dep", 5),
                          (",", "PUNCT", "punct", 5), ("red", "ADJ", "amod", 4),
                          ("apples", "NOUN", "nsubj", 5), ("rolled", "VERB", "ROOT", None),
                          ("across", "ADP", "prep", 5), ("the", "DET", "det", 8),
                          ("floor", "NOUN", "pobj", 6)])
    found = graph_bindings(tagged(g, {1: "NN", 4: "NNS", 5: "VBD"}))
    assert found["apples"] == {"shiny", "red"}


def test_a_colour_phrase_hung_on_the_verb_describes_the_object_before_it():
    """ "towers covered in signs in pink and blue" parsed with "in pink" on covered: the
    colours are the signs', not the towers'."""
    text = "towers covered in signs in pink and blue"
    g = hand_graph(text, [("towers", "NOUN", "ROOT", None), ("covered", "VERB", "acl", 0),
                          ("in", "ADP", "prep", 1), ("signs", "NOUN", "pobj", 2),
                          ("in", "ADP", "prep", 1), ("pink", "ADJ", "pobj", 4),
                          ("and", "CCONJ", "cc", 5), ("blue", "ADJ", "conj", 5)])
    assert graph_bindings(tagged(g, {1: "VBN"})) == {"towers": {"covered"},
                                                     "signs": {"pink", "blue"}}


def test_a_colour_phrase_on_the_verb_with_no_object_before_it_stays_the_subjects():
    text = "a truck painted in white"
    g = hand_graph(text, [("a", "DET", "det", 1), ("truck", "NOUN", "ROOT", None),
                          ("painted", "VERB", "acl", 1), ("in", "ADP", "prep", 2),
                          ("white", "ADJ", "pobj", 3)])
    assert graph_bindings(tagged(g, {2: "VBN"})) == {"truck": {"painted", "white"}}


def test_an_ing_word_after_in_before_its_compound_noun_is_prenominal():
    """ "in glowing neon signs" parsed with signs the object of glowing, neon its compound."""
    text = "a street in glowing neon signs"
    g = hand_graph(text, [("a", "DET", "det", 1), ("street", "NOUN", "ROOT", None),
                          ("in", "ADP", "prep", 1), ("glowing", "VERB", "pcomp", 2),
                          ("neon", "NOUN", "compound", 5), ("signs", "NOUN", "dobj", 3)])
    assert graph_bindings(tagged(g, {3: "VBG", 5: "NNS"})) == {
        "street": set(), "signs": {"glowing", "neon"}}


def test_coordinated_modifiers_parsed_as_a_clause_with_the_noun_its_conjunct():
    """ "a book, used and unused napkins" parsed with used a clause on book and napkins a
    conjunct of used: both participles describe the napkins, a second item of the list."""
    text = "a book, used and unused napkins"
    g = hand_graph(text, [("a", "DET", "det", 1), ("book", "NOUN", "ROOT", None),
                          (",", "PUNCT", "punct", 1), ("used", "VERB", "acl", 1),
                          ("and", "CCONJ", "cc", 3), ("unused", "ADJ", "amod", 6),
                          ("napkins", "NOUN", "conj", 3)])
    assert graph_bindings(tagged(g, {3: "VBN", 5: "JJ", 6: "NNS"})) == {
        "book": set(), "napkins": {"used", "unused"}}


def test_a_participle_coordinated_with_a_bare_noun_is_left_alone():
    """Only a modifier before the noun's own adjectives is re-hung: "boats moored and
    fishermen" keeps moored on the boats."""
    text = "boats moored and fishermen"
    g = hand_graph(text, [("boats", "NOUN", "ROOT", None), ("moored", "VERB", "acl", 0),
                          ("and", "CCONJ", "cc", 1), ("fishermen", "NOUN", "conj", 1)])
    assert graph_bindings(tagged(g, {1: "VBN"}))["boats"] == {"moored"}


def test_a_singular_verb_splits_a_coordinated_subject_from_the_clause_before():
    """ "you see their heads and one is tall" parsed as see [heads and one is tall]: heads is
    what is seen (an undescribed part), one is tall, and tall goes to one's antecedent."""
    text = "three giraffes and you see their heads and one is tall"
    g = hand_graph(text, [("three", "NUM", "nummod", 1), ("giraffes", "NOUN", "ROOT", None),
                          ("and", "CCONJ", "cc", 1), ("you", "PRON", "nsubj", 4),
                          ("see", "VERB", "conj", 1), ("their", "PRON", "poss", 6),
                          ("heads", "NOUN", "nsubj", 9), ("and", "CCONJ", "cc", 6),
                          ("one", "NUM", "conj", 6), ("is", "AUX", "ccomp", 4),
                          ("tall", "ADJ", "acomp", 9)])
    g = tagged(g, {1: "NNS", 4: "VBP", 6: "NNS", 8: "CD", 9: "VBZ", 10: "JJ"})
    assert graph_bindings(g) == {"giraffes": {"three", "tall"}}


def test_a_plural_verb_keeps_its_coordinated_subject():
    """The split needs a singular verb: in "you see that the cats and the dog are tall" the
    cats stay a subject of "are tall"."""
    text = "you see that the cats and the dog are tall"
    g = hand_graph(text, [("you", "PRON", "nsubj", 1), ("see", "VERB", "ROOT", None),
                          ("that", "SCONJ", "mark", 8), ("the", "DET", "det", 4),
                          ("cats", "NOUN", "nsubj", 8), ("and", "CCONJ", "cc", 4),
                          ("the", "DET", "det", 7), ("dog", "NOUN", "conj", 4),
                          ("are", "AUX", "ccomp", 1), ("tall", "ADJ", "acomp", 8)])
    g = tagged(g, {1: "VBP", 4: "NNS", 7: "NN", 8: "VBP", 9: "JJ"})
    assert graph_bindings(g)["cats"] == {"tall"}
    assert graph_bindings(tagged(g, {8: "VBZ"}))["cats"] == set()


def test_a_word_two_pro_forms_reach_is_bound_once(parse):
    """ "one black and one white": both pro-forms reach both colours; the antecedent gets each
    colour once (a duplicate would weigh its tokens twice in a loss)."""
    spec = parse("two cats, one black and one white, sitting on a fence")
    cats = next(e for e in spec.entities if e.text == "cats")
    spans = [m.span for m in cats.modifiers]
    assert len(spans) == len(set(spans))
    assert {m.text for m in cats.modifiers} == {"two", "black", "white", "sitting"}


def test_a_subjectless_clause_takes_the_noun_listed_before_it(parse):
    """ "... wears silver armor and the dragon is green" parsed with dragon a conjunct of armor
    and "is green" without a subject: the dragon is green."""
    spec = parse("a knight and a dragon, the knight wears silver armor and the dragon is green")
    found = [(e.text, {m.text for m in e.modifiers}) for e in spec.entities]
    assert found[-1] == ("dragon", {"green"})
    assert ("armor", {"silver"}) in found


def test_a_participle_after_a_comma_on_the_last_conjunct_describes_the_first_too(parse):
    """ "a watch with a black dial and rose gold case, resting on a slab": a participle set off
    by a comma after coordinated nouns is the first's too, though the first has a phrase of
    its own (which keeps one right after the last noun the last noun's)."""
    spec = parse("a watch with a black dial and rose gold case, resting on a slab of slate")
    watch = next(e for e in spec.entities if e.text == "watch")
    assert {m.text for m in watch.modifiers} == {"resting"}


def test_a_garbled_prompt_whose_repairs_once_looped_forever_is_parsed(parse):
    """Random words once made the noun-phrase repair hang three words on each other in a ring;
    a conjunct walk up the heads then never ended."""
    with ends_within(20):
        spec = parse("by one armor made orange a napkins style glass , cats tulips armor field "
                     "coral wears is breathes and scissors airship flickering")
    assert spec.entities


def test_a_words_lexicon_memo_answers_for_its_own_lexicon_and_its_own_form():
    """Each word keeps the lexicon's answer for it (the hot path): another lexicon asking about
    the same word, or a word copied with another lemma, is looked up afresh."""
    from dataclasses import replace

    from binding.grammars.lexicon import Lexicon
    from binding.graph import Word

    word = Word(0, "Roses", 0, 5, "NOUN", "ROOT", None, lemma="rose")
    flowers = Lexicon({"flowers": frozenset({"rose"})})
    colours = Lexicon({"colors": frozenset({"rose"}), "flowers": frozenset()})
    assert word.lower == "roses"
    assert flowers.has(word, ("flowers",)) and not colours.has(word, ("flowers",))
    assert flowers.has(word, ("flowers",))  # the first lexicon's answer again
    risen = replace(word, lemma="rise")
    assert risen.lists_memo is None and not flowers.has(risen, ("flowers",))


def test_a_words_own_form_is_looked_up_apart_from_its_lemma():
    """``lists_of_form`` reads the word as written ("watching" is no "watch"), keeps the crude
    singulars of its form ("glasses" -> "glass"), and does not spoil the lemma's answer."""
    from binding.grammars.lexicon import Lexicon, PluralEnding
    from binding.graph import Word

    lexicon = Lexicon({"verbs": frozenset({"watch"}), "things": frozenset({"glass"})},
                      plural_endings=(PluralEnding(ending="es", longer_than=3),))
    watching = Word(0, "watching", 0, 8, "VERB", "ROOT", None, lemma="watch")
    assert lexicon.has(watching, ("verbs",))
    assert not lexicon.lists_of_form(watching) & {"verbs"}
    assert lexicon.has(watching, ("verbs",))  # the lemma's answer is kept
    glasses = Word(0, "Glasses", 0, 7, "NOUN", "ROOT", None, lemma="glasses")
    assert "things" in lexicon.lists_of_form(glasses)
