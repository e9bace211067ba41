using Kindred.Data.Entities;

namespace Kindred.Core.Demo;

/// <summary>
/// The words of the demo community: a few neighbourhoods of Montréal (a bilingual city, so some members write in
/// French), people, groups and what they post. Plain data; <see cref="DemoSeeder"/> decides who does what and when.
/// Everything here was written for Kindred.
/// </summary>
public static class DemoContent
{
    public const string OrganizationName = "Neighbours Together";
    public const string OrganizationDescription = "A mutual aid network for the neighbourhoods of Montréal: we help each other with childcare, food, rides and repairs, and meet every month.";
    public const string OrganizationArea = "Montréal";

    public static readonly DemoArea[] Areas =
    [
        new("Plateau-Mont-Royal", "Plateau", 45.5225, -73.5845),
        new("Mile End", "MileEnd", 45.5245, -73.6000),
        new("Rosemont", "Rosemont", 45.5450, -73.5900),
        new("Hochelaga-Maisonneuve", "Hochelaga", 45.5480, -73.5400),
        new("Verdun", "Verdun", 45.4580, -73.5700),
        new("Saint-Henri", "SaintHenri", 45.4770, -73.5870),
    ];

    /// <summary>How many of the members live in each area, in the order of <see cref="Areas"/> (weights).</summary>
    public static readonly int[] AreaWeights = [5, 3, 4, 3, 4, 2];

    public static readonly string[] FirstNames =
    [
        "Amara", "Ben", "Chloe", "Daniel", "Esther", "Farid", "Grace", "Hassan", "Isla", "Jamal",
        "Keisha", "Liam", "Maya", "Noah", "Olivia", "Priya", "Rosa", "Samuel", "Tanya", "Umar",
        "Valentina", "Wei", "Ximena", "Yusuf", "Zoe", "Aisha", "Brendan", "Carmen", "Dmitri", "Elena",
        "Femi", "Gabriel", "Hannah", "Ibrahim", "Joy", "Kenji", "Leila", "Marcus", "Nadia", "Oscar",
        "Paula", "Rahul", "Sofia", "Tom", "Uma", "Victor", "Wendy", "Yara", "Zainab", "Ruth",
    ];

    public static readonly string[] FrenchFirstNames =
    [
        "Amélie", "Baptiste", "Camille", "Élodie", "François", "Geneviève", "Hélène", "Julien", "Mathilde", "Sébastien",
    ];

    public static readonly string[] LastNames =
    [
        "Okafor", "Thompson", "Martin", "Nguyen", "Cohen", "Haddad", "Wilson", "Ali", "Murray", "Brown",
        "Joseph", "O'Connor", "Patel", "Clarke", "Rossi", "Sharma", "Leblanc", "Garcia", "Mensah", "Ivanova",
        "Kowalski", "Yamamoto", "Lopez", "Chen", "Fraser", "Singh", "Diallo", "Campbell", "Santos", "Kim",
        "Said", "Reid", "Moreau", "Fontaine", "Osei", "Novak", "Ahmed", "Kaur", "Bianchi", "Hughes",
        "Adeyemi", "Park", "Silva", "Walsh", "Mbeki", "Rahman", "Duarte", "Larsen", "Petrov", "Hosseini",
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Pelletier",
    ];

    public static readonly string[] Interests =
    [
        "Gardening", "Cooking", "Childcare", "Cycling", "Repair", "Reading", "Music", "Languages", "Hiking",
        "Football", "Knitting", "Photography", "Climate", "Housing", "FoodShare", "Baking", "Chess", "Parenting",
    ];

    public static readonly string[] Skills =
    [
        "FirstAid", "Driving", "Carpentry", "Translation", "Accounting", "Plumbing", "Tutoring", "Baking",
        "ITHelp", "Sewing", "Listening", "Electrics",
    ];

    public static readonly string[] Occupations =
    [
        "Nurse", "Retired teacher", "Student", "Bus driver", "Software developer", "Cook", "Social worker",
        "Librarian", "Electrician", "Parent at home", "Graphic designer", "Pharmacist", "Shop owner", "Carpenter",
        "Night-shift cleaner", "Musician", "Accountant", "Gardener",
    ];

    public static readonly string[] FrenchOccupations =
    [
        "Infirmière", "Enseignant à la retraite", "Étudiante", "Chauffeur d'autobus", "Cuisinier", "Travailleuse sociale",
        "Bibliothécaire", "Menuisier", "Graphiste", "Pharmacienne",
    ];

    /// <summary>The second sentence of a bio; {0} is one of the member's interests.</summary>
    public static readonly string[] BioEndings =
    [
        "Always happy to talk about {0}.",
        "Ask me about {0}!",
        "Here to meet neighbours and share a bit of {0}.",
        "I can lend a hand most weekends. Big on {0}.",
        "New to the area and keen on {0}.",
        "Twenty years in the neighbourhood; {0} keeps me sane.",
    ];

    public static readonly string[] FrenchBioEndings =
    [
        "Toujours partant·e pour parler de {0}.",
        "Ici pour rencontrer mes voisins. J'aime {0}.",
        "Je donne un coup de main la fin de semaine ; passionné·e de {0}.",
    ];

    public static readonly DemoGroupSpec[] Groups =
    [
        new("montreal-mutual-aid", "Montréal Mutual Aid",
            "The city-wide network: announcements, the monthly meeting, and requests that reach beyond one neighbourhood.",
            GroupKind.Place, GroupVisibility.Public, GroupJoinPolicy.Open, ["MutualAid", "Montreal"], RadiusKm: 15,
            Rules: "1. Be kind.\n2. No selling.\n3. Keep personal details out of public posts."),
        new("plateau-mutual-aid", "Plateau Mutual Aid",
            "The Plateau and Mile End chapter of Montréal Mutual Aid: grocery runs, lending, and the Saturday coffee.",
            GroupKind.Place, GroupVisibility.Public, GroupJoinPolicy.Open, ["MutualAid", "Plateau"], Area: 0, RadiusKm: 3, Parent: 0),
        new("verdun-mutual-aid", "Verdun Mutual Aid",
            "The Verdun and Saint-Henri chapter of Montréal Mutual Aid. Potlucks on the first Friday of the month.",
            GroupKind.Place, GroupVisibility.Public, GroupJoinPolicy.Open, ["MutualAid", "Verdun"], Area: 4, RadiusKm: 4, Parent: 0),
        new("rosemont-garden", "Rosemont Community Garden",
            "Forty plots, one shed, endless zucchini. Watering rota, compost and seed swaps.",
            GroupKind.Both, GroupVisibility.Public, GroupJoinPolicy.Open, ["Gardening", "FoodShare"], Area: 2, RadiusKm: 2),
        new("repair-cafe", "Repair Café",
            "Bring what is broken, leave with it fixed and with a new skill. Every second Sunday.",
            GroupKind.Interest, GroupVisibility.Public, GroupJoinPolicy.Open, ["Repair", "Climate"]),
        new("single-parents", "Single Parents Circle",
            "A closed circle for single parents: moral support, childcare swaps and hand-me-downs. Posts stay inside the group.",
            GroupKind.Interest, GroupVisibility.Members, GroupJoinPolicy.Approval, ["Childcare", "Parenting"],
            Rules: "What is said in the circle stays in the circle.",
            Questions: ["How old are your children (roughly)?", "What would help you most right now?"]),
        new("volunteer-drivers", "Volunteer Drivers",
            "Rides to appointments and grocery runs for neighbours who need them. Requests and the weekly rota.",
            GroupKind.Interest, GroupVisibility.Members, GroupJoinPolicy.Open, ["Transport", "Volunteering"]),
        new("cafe-causette", "Café causette",
            "Conversation en français pour tous les niveaux, chaque jeudi soir à la bibliothèque. French conversation for every level.",
            GroupKind.Interest, GroupVisibility.Public, GroupJoinPolicy.Open, ["Francais", "Languages"]),
        new("coordinators", "Coordinators",
            "Where the staff and the chapter coordinators plan the month.",
            GroupKind.Interest, GroupVisibility.Secret, GroupJoinPolicy.InviteOnly, ["Coordination"]),
    ];

    public const int CityGroup = 0;
    public const int PlateauChapter = 1;
    public const int VerdunChapter = 2;
    public const int Garden = 3;
    public const int RepairCafe = 4;
    public const int SingleParents = 5;
    public const int Drivers = 6;
    public const int FrenchCafe = 7;
    public const int Coordinators = 8;

    /// <summary>Posts anyone might write; {area} is the author's area, {areatag} its hashtag.</summary>
    public static readonly string[] Posts =
    [
        "Does anyone in {area} have a ladder I could borrow this weekend? Happy to drop off some banana bread in return. #MutualAid",
        "Reminder: the #FoodBank pick-up moved to Thursday evenings this month. Bring your own bags if you can!",
        "Looking for someone to share school pick-ups with in {area} on Tuesdays and Thursdays. #Childcare",
        "First frost this morning in {area}. Time to bring the herbs inside. #Gardening",
        "Our building's laundry room now has a little free library shelf. Take a book, leave a book! #{areatag}",
        "If you have winter boots your kids have outgrown, the clothing swap at the community centre is collecting them until Friday. #WinterReady",
        "Fixed my neighbour's bike brakes today and got a jar of homemade jam for it. Best trade of the week. #Cycling",
        "Anyone up for a slow walk around the park on Sunday morning? Dogs and strollers welcome. #{areatag}",
        "I can help with CVs and job applications in English or French. Send me a message. #Volunteering",
        "Soup night at our place went so well. Thank you to everyone who brought bread! #Community",
        "Does anyone know a plumber who doesn't charge a fortune? Our kitchen sink has given up. #{areatag}",
        "Just finished my first shift at the food bank. So many kind people. #FoodBank #Volunteering",
        "The snow removal schedule for {area} is out. Move your cars, friends! #Winter",
        "Would anyone be interested in a knitting circle? I have far too much yarn. #Knitting",
        "Need a ride to a hospital appointment next Wednesday morning, from {area}. Can offer gas money. #Transport",
        "Thank you to whoever shovelled my front steps this morning. You made my day. #Kindness",
        "Our tenants' association meets Thursday at 7 pm. Rent increases are on the agenda. #Housing",
        "Free to a good home: a stroller in good condition, a high chair and a box of toddler clothes. {area}. #Childcare",
        "Reading group idea: one short book a month, meet at the library. Who's in? #Reading",
        "Learning to bake sourdough. Loaf number four is finally edible. #Baking",
        "The community fridge near the metro needs cleaning volunteers on weekends. #FoodShare",
        "I have a spare hour most evenings if anyone needs help with homework (maths, science). #Tutoring",
        "Two new families moved into our street this week. Let's make them feel welcome! #{areatag}",
        "The bike path along the canal is finally cleared. Lovely ride this morning. #Cycling",
        "Can anyone recommend a cheap place to repair a winter coat zip? #Repair",
        "When my dad was in hospital, three of you brought meals without being asked. I am so grateful for this community. #MutualAid",
        "Looking for volunteers to sort donations on Saturday, 10 am to noon. Coffee provided. #Volunteering",
        "Photo walk around {area} this Sunday at golden hour. All cameras and phones welcome. #Photography",
        "Is anyone else dealing with heating problems in older buildings? Let's compare notes. #Housing",
        "Made far too much lentil soup. Three portions free in {area}, bring a container. #FoodShare",
        "Chess in the park is moving indoors for winter: the café on the corner lets us use the back room. #Chess",
        "Does anyone have a car seat for a two-year-old we could borrow for a weekend trip? #Childcare",
        "Our street's first shared compost bin is in! Instructions taped to the lid. #Climate #{areatag}",
        "Quick reminder that the library lends out tools now, not just books. Drills, ladders, even a sewing machine. #Repair",
        "Who else is doing the cold plunge at the river on New Year's Day? Asking for moral support. #{areatag}",
        "Spent the afternoon helping my neighbour fill in her housing form. If you need the same, just ask. #Housing #MutualAid",
        "Apples from the orchard trip: two big bags to share. First come, first served, {area}. #FoodShare",
        "Our kids made cards for the seniors' residence. Dropping them off Friday if anyone wants to add one. #Community",
        "Can someone explain the new recycling rules? The city flyer left me more confused than before. #{areatag}",
        "Band practice in the basement tonight, sorry neighbours! Free tickets to our show as an apology. #Music",
        "Slow cooker chili for the Sunday drop-in: I can make two pots if someone brings bowls. #Cooking #FoodShare",
        "Found a set of keys with a red bike tag near the park in {area}. Message me to describe them. #{areatag}",
        "Thinking of starting a board game night for teens. Any parents interested? #Parenting",
        "The bus shelter on our corner finally has a bench again. Small wins! #{areatag}",
    ];

    public static readonly string[] FrenchPosts =
    [
        "Quelqu'un aurait une perceuse à prêter ce week-end à {area} ? Je rends avec des biscuits. #Entraide",
        "Premier marché d'hiver ce samedi. On y va ensemble ? #{areatag}",
        "Je cherche quelqu'un pour partager la garde des enfants le mercredi après-midi. #Childcare",
        "Merci à tous pour la soirée soupe, c'était magnifique ! #Communauté",
        "Des bottes d'hiver pour enfants (taille 12) à donner à {area}. #Entraide",
        "Le frigo communautaire déborde de légumes aujourd'hui, servez-vous ! #FoodShare",
        "Je peux aider à remplir les formulaires d'impôts, en français ou en anglais. Écrivez-moi. #Bénévolat",
        "Quelle belle première neige sur {area} ce matin. #Hiver",
        "On organise un troc de livres dimanche au parc. Apportez vos romans ! #Lecture",
        "Besoin d'un coup de main pour déménager un canapé samedi matin à {area}. Pizza offerte ! #Entraide",
    ];

    /// <summary>Posts written into each group, by index of <see cref="Groups"/>.</summary>
    public static readonly string[][] GroupPosts =
    [
        [
            "Monthly #MutualAid meeting next Tuesday at the community centre. On the agenda: the winter coat drive and the new chapters.",
            "We now have more than forty neighbours who can lend tools. Ask here before you buy! #MutualAid",
            "Heads up: the city's warming centres open this week. Share with anyone who might need one. #Winter",
        ],
        [
            "Plateau chapter: we need two more people for the Saturday grocery runs. #Plateau #MutualAid",
            "Saturday coffee is at the usual place, 10 am. New faces very welcome. #Plateau",
            "Who on the Plateau has a spare folding table for the stoop sale? #Plateau",
            "The Plateau fridge on the corner was restocked this morning: bread, eggs and lots of squash. #Plateau #FoodShare",
        ],
        [
            "Verdun chapter potluck on Friday! Bring a dish if you can, come anyway if you can't. #Verdun",
            "The riverside clean-up gathered 31 bags of litter. Thank you all! #Verdun #Climate",
            "Anyone in Saint-Henri able to check in on an elderly neighbour twice a week? #Verdun #MutualAid",
            "Snow shovel brigade: six volunteers cleared the stairs of eleven homes on Saturday. #Verdun #Winter",
        ],
        [
            "Watering rota for next week is on the shed door. Please swap here if you can't make your slot. #Gardening",
            "Compost delivery arrives Saturday morning. Bring wheelbarrows! #Gardening",
            "Seed swap in March: start saving your bean and tomato seeds now. #Gardening",
        ],
        [
            "Next #RepairCafe on Sunday: we'll have two sewing machines and a soldering station.",
            "Last session we fixed 14 lamps, 6 toasters and a very stubborn accordion. #RepairCafe #Climate",
            "Looking for someone who knows bicycles to join the fixers' table. #RepairCafe #Cycling",
        ],
        [
            "Rough week with the little one sick. Does anyone have a thermometer I could borrow?",
            "Swap offer: I can take kids Saturday morning if someone takes mine Sunday afternoon. #Childcare",
            "Just wanted to say this circle has been a lifeline this month. Thank you all.",
            "Does anyone know a daycare with space from January? Asking for myself, obviously. #Childcare",
        ],
        [
            "Two rides needed Thursday: a medical appointment at 9 am and a grocery run at 2 pm. Who can take them? #Transport",
            "Rota for next week is done. Thank you for covering the Monday gap! #Transport",
            "Reminder: always confirm the pick-up time with the person the evening before. #Transport",
        ],
        [
            "Ce jeudi on parle de cuisine ! Apportez une recette de votre enfance. #Francais",
            "Merci pour la belle soirée hier, on était dix-huit ! #Francais",
            "New here? Come on Thursday even if your French is shaky: we all started somewhere. #Languages",
            "Le mot de la semaine : « dépanneur ». Qui sait d'où il vient ? #Francais",
        ],
        [
            "Draft agenda for the coordinators' call is in the shared folder. Add your points by Monday.",
            "Chapter reports are due Friday. Keep them short: what went well, what needs help.",
        ],
    ];

    /// <summary>The organization's own announcements; the first is pinned to its profile.</summary>
    public static readonly string[] OrganizationPosts =
    [
        "Welcome to Neighbours Together! This is where our neighbourhoods help each other. Say hello, join a group near you, and ask for what you need. #MutualAid",
        "We now have local chapters in the Plateau and in Verdun. Join the one near you to hear what is happening on your street. #MutualAid",
        "Our winter coat drive starts Monday. Drop-off points are listed in the Montréal Mutual Aid group. #WinterReady",
        "Volunteer training on Saturday: first aid basics and how to support someone in crisis. Free, in English and French. #Volunteering",
        "Thank you! Fifty neighbours joined this month. Invite a friend who would like it here. #Community",
        "The monthly meeting is on Tuesday at 7 pm at the community centre, with childcare on site. #MutualAid",
        "Nos ateliers sont offerts en français et en anglais. Our workshops are offered in French and English. #Languages",
    ];

    /// <summary>Replies; {0} is the username of the person answered.</summary>
    public static readonly string[] Replies =
    [
        "@{0} I can help with that!",
        "@{0} Count me in.",
        "@{0} Thank you for organising this!",
        "@{0} I have one you can borrow, send me a message.",
        "@{0} Great idea. What time?",
        "@{0} I'll bring a couple of friends along.",
        "@{0} Sent you a message.",
        "@{0} This is wonderful, thank you.",
        "@{0} I can drive on Thursday if that helps.",
        "@{0} Let me ask my neighbour, she might know.",
        "@{0} Same here. Let's sort it out together.",
        "@{0} Saving this for later, thank you!",
    ];

    public static readonly string[] FrenchReplies =
    [
        "@{0} Je peux aider !",
        "@{0} Avec plaisir, je serai là.",
        "@{0} Merci beaucoup pour l'initiative !",
        "@{0} Bonne idée, à quelle heure ?",
    ];

    /// <summary>An author answering a reply to their post.</summary>
    public static readonly string[] ThankYous =
    [
        "@{0} Thank you so much!",
        "@{0} Perfect, see you then.",
        "@{0} You're a star.",
    ];

    public static readonly string[] FrenchThankYous =
    [
        "@{0} Merci mille fois !",
        "@{0} Parfait, à bientôt.",
    ];

    /// <summary>Added to some posts to thank someone by name; {0} is their username.</summary>
    public static readonly string[] Shoutouts =
    [
        " Thanks @{0} for the idea!",
        " cc @{0}",
        " @{0} might know more.",
    ];

    public static readonly string[] RequestAnswers =
    [
        "Two, aged 4 and 7.|Someone to swap Saturday mornings with.",
        "One baby, eight months.|Honestly, just people to talk to.",
    ];

    /// <summary>
    /// Requests and offers of the last two weeks: every audience (public, members, a group, vetted helpers only), two
    /// sensitive requests, and each state an item goes through. Group items use <see cref="Groups"/> indexes.
    /// </summary>
    public static readonly DemoAidSpec[] AidItems =
    [
        new(AidKind.Request, "food", "Groceries while I recover from knee surgery",
            "I had knee surgery last week and cannot carry bags for a while. A weekly shop from the Jean-Talon market would make a big difference; I will pay for the groceries of course.",
            AidAudience.Members, DemoAidFate.InProgress, DaysAgo: 4, Urgency: AidUrgency.High,
            Conversation:
            [
                "I can help! I do my own shopping at Jean-Talon on Saturday mornings. Send me your list?",
                "That would be wonderful, thank you. Mostly fruit, bread and milk. I am on the second floor, no lift.",
                "No problem at all. I will come by around 11 on Saturday.",
                "Perfect, see you then.",
            ]),
        new(AidKind.Request, "childcare", "Pick-up from daycare on Thursdays",
            "My shift ends at 6 on Thursdays and the daycare closes at 5:30. Could someone bring my son (3) home with theirs for a few weeks? I can return the favour on weekends.",
            AidAudience.Group, DemoAidFate.Open, DaysAgo: 2, Group: SingleParents,
            Conversation: ["Hi! My daughter goes to the same daycare. I could bring him home with us on Thursdays; we live two streets away."]),
        new(AidKind.Request, "shelter", "A safe place to stay for a few nights",
            "I need to leave where I am living. Somewhere quiet for two or three nights while I sort things out with a social worker. Please only get in touch if you can actually host.",
            AidAudience.VettedHelpers, DemoAidFate.Open, DaysAgo: 1, Urgency: AidUrgency.Urgent, Sensitive: true, VettedAnswersOnly: true),
        new(AidKind.Request, "listening", "Someone to talk to in the evenings",
            "Since my partner died the evenings are long. A phone call once or twice a week would help me a lot.",
            AidAudience.Members, DemoAidFate.Fulfilled, DaysAgo: 12, Sensitive: true,
            Conversation:
            [
                "Hello, I volunteer with a listening line and would be glad to call you. Would Tuesday and Friday evenings suit you?",
                "Yes, Tuesday and Friday would be lovely. Thank you for reaching out.",
                "Then I will call you on Tuesday at 7. Take care until then.",
            ],
            Thanks: "Thank you for the calls these past weeks. They made a real difference."),
        new(AidKind.Request, "transport", "Transport à l'hôpital mardi matin",
            "J'ai un rendez-vous à l'hôpital de Verdun mardi à 9 h et je ne peux pas prendre le métro avec mes béquilles. Quelqu'un pourrait-il m'y conduire ?",
            AidAudience.Members, DemoAidFate.Fulfilled, DaysAgo: 9, Urgency: AidUrgency.High, French: true,
            Conversation:
            [
                "Bonjour ! Je peux vous conduire. Je passe vous prendre à 8 h 15 ?",
                "Oui, merci beaucoup ! J'habite près du marché Atwater.",
                "Parfait, à mardi 8 h 15. Je vous attendrai après le rendez-vous.",
            ],
            Thanks: "Merci mille fois pour le trajet et pour l'attente à l'hôpital !", ThanksShared: 2),
        new(AidKind.Request, "transport", "Rides to physiotherapy, two mornings a week",
            "Physio at the Hôpital Notre-Dame on Mondays and Wednesdays at 10 for the next month. The bus takes an hour with two changes.",
            AidAudience.Group, DemoAidFate.Open, DaysAgo: 3, Group: Drivers),
        new(AidKind.Offer, "skills", "Bike tune-ups in my backyard",
            "I fix bikes for fun: brakes, gears, flat tyres. Bring yours on a Sunday afternoon; parts at cost.",
            AidAudience.Public, DemoAidFate.Open, DaysAgo: 6),
        new(AidKind.Offer, "food", "Soup for the freezer",
            "I cook a big pot of soup every Sunday and always make too much. Happy to drop off a few portions for anyone who could use them.",
            AidAudience.Public, DemoAidFate.Open, DaysAgo: 5),
        new(AidKind.Offer, "errands", "Je fais vos courses le samedi",
            "Je vais au marché Atwater tous les samedis matin. Si vous avez besoin de quelque chose, envoyez-moi votre liste !",
            AidAudience.Members, DemoAidFate.Open, DaysAgo: 8, French: true),
        new(AidKind.Request, "errands", "Help carrying a sofa up two floors",
            "A friend is giving me her sofa. I need two people for half an hour on Saturday to get it up the stairs.",
            AidAudience.Public, DemoAidFate.Closed, DaysAgo: 11,
            Conversation: ["I could help on Saturday afternoon if that still works."]),
        new(AidKind.Request, "childcare", "Garde d'enfants pendant un entretien",
            "J'ai un entretien d'embauche jeudi après-midi. Quelqu'un pourrait-il garder mes deux enfants (4 et 7 ans) pendant deux heures ?",
            AidAudience.Members, DemoAidFate.Fulfilled, DaysAgo: 7, French: true,
            Conversation:
            [
                "Avec plaisir ! Mes enfants ont le même âge, ils pourront jouer ensemble. Déposez-les chez moi à 13 h ?",
                "Merci, vous me sauvez la vie. À jeudi !",
            ],
            Thanks: "Merci pour jeudi, les enfants ont adoré. Et j'ai eu le poste !", ThanksShared: 1),
        new(AidKind.Offer, "transport", "Rides to appointments on weekday mornings",
            "I am retired and have a car. I can drive people to medical appointments on weekday mornings anywhere on the island.",
            AidAudience.Members, DemoAidFate.Open, DaysAgo: 10),
        new(AidKind.Request, "food", "Baby formula until payday",
            "Money is very tight until the end of the month. If anyone has a tin or two of infant formula (stage 1) to spare, it would help us a lot.",
            AidAudience.Members, DemoAidFate.Open, DaysAgo: 1, Urgency: AidUrgency.High),
        new(AidKind.Request, "skills", "Help filling in a housing application",
            "The form for the housing co-op is long and full of legal words. Could someone sit with me for an hour at the library?",
            AidAudience.Public, DemoAidFate.Open, DaysAgo: 3, Urgency: AidUrgency.Low),
    ];

    /// <summary>The categories a member offers to help with, from their skills (everyone helps with errands).</summary>
    public static readonly Dictionary<string, string> HelpingBySkill = new(StringComparer.Ordinal)
    {
        ["Driving"] = "transport",
        ["Listening"] = "listening",
        ["FirstAid"] = "childcare",
        ["Baking"] = "food",
        ["Tutoring"] = "skills",
        ["Carpentry"] = "skills",
        ["Plumbing"] = "skills",
        ["Electrics"] = "skills",
        ["ITHelp"] = "skills",
        ["Sewing"] = "skills",
        ["Translation"] = "skills",
        ["Accounting"] = "skills",
    };

    public const string VettingNote = "Police check and two references seen by the coordinators; safeguarding training done.";

    public const string ClothingSwapTitle = "Winter clothing swap";
    public const string ClothingSwapDescription = "Bring coats, boots and mittens your family has outgrown and take what you need. Free for everyone; hot cider from the Verdun chapter. Places are limited by the size of the hall, so please say if you are coming.";
    public const string ClothingSwapPlace = "Saint-Henri community centre";
    public const string ClothingSwapQuestion = "Which sizes are you looking for (optional)?";
    public static readonly string[] ClothingSwapAnswers = ["Kids 6 and 8", "Adult L boots, size 10", "Nothing, just bringing things", "Toddler snowsuit", "Women's M coat"];

    public const string CafeTitle = "Café causette du jeudi";
    public const string CafeDescription = "Conversation en français, tous les niveaux, chaque jeudi à la bibliothèque du Mile End (salle 2). French conversation for every level: come once or every week.";
    public const string CafePlace = "Bibliothèque du Mile End";

    public const string MeetingTitle = "Monthly members' meeting (online)";
    public const string MeetingDescription = "The month's news from the chapters, the winter plans and the budget. Open to every member; the link works in any browser.";
    public const string MeetingUrl = "https://meet.example.org/monthly-meeting";
    public const string MeetingQuestion = "Anything you would like on the agenda?";
    public static readonly string[] MeetingAnswers = ["The winter clothing swap", "More drivers for the Verdun chapter", ""];

    public const string RepairTitle = "Repair Café: lamps, toasters and torn jackets";
    public const string RepairDescription = "Bring what is broken and fix it with us: electrics, sewing and bikes. Coffee and cake provided.";
    public const string RepairPlace = "Rosemont parish hall";
}
