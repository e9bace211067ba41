namespace Kindred.Bench.Generation;

/// <summary>Words the generated posts are made of: French and English, with accents, so full-text search has real
/// work to do; and hashtags a charity's community would use.</summary>
public static class Vocabulary
{
    public static readonly string[] Words =
    [
        "école", "garde", "enfants", "repas", "bénévoles", "collecte", "quartier", "voisins", "entraide", "soirée",
        "réunion", "jardin", "partagé", "café", "atelier", "vélo", "covoiturage", "logement", "hébergement", "écoute",
        "merci", "beaucoup", "demain", "samedi", "dimanche", "matin", "après-midi", "marché", "épicerie", "solidaire",
        "association", "adhérents", "fête", "musique", "lecture", "bibliothèque", "déménagement", "cuisine", "recette", "hiver",
        "school", "childcare", "meal", "volunteers", "neighbours", "community", "garden", "coffee", "workshop", "bike",
        "ride", "shelter", "listen", "thanks", "tomorrow", "saturday", "morning", "market", "pantry", "music",
        "reading", "library", "moving", "kitchen", "recipe", "winter", "help", "together", "meeting", "donation",
    ];

    public static readonly string[] Tags =
    [
        "entraide", "bénévolat", "quartier", "jardin", "repas", "école", "logement", "covoiturage", "fête", "atelier",
        "mutualaid", "volunteering", "garden", "food", "housing", "rides", "events", "workshop", "library", "music",
    ];

    public static readonly (string Name, double Latitude, double Longitude)[] Areas =
    [
        ("Paris 11e", 48.86, 2.38), ("Paris 18e", 48.89, 2.34), ("Montreuil", 48.86, 2.44), ("Saint-Denis", 48.94, 2.36),
        ("Lyon 7e", 45.74, 4.84), ("Villeurbanne", 45.77, 4.88), ("Marseille 3e", 43.31, 5.38), ("Lille", 50.63, 3.06),
        ("Nantes", 47.22, -1.55), ("Rennes", 48.11, -1.68), ("Toulouse", 43.60, 1.44), ("Bordeaux", 44.84, -0.58),
    ];
}
