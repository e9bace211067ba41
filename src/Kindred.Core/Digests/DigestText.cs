using System.Globalization;

namespace Kindred.Core.Digests;

/// <summary>
/// The digest's words in English and French. The core has no access to the web's resource files, and the account
/// e-mails keep their two languages beside the code too (<see cref="Accounts.AccountEmails"/>); keeping the digest's
/// here keeps both languages of every sentence side by side.
/// </summary>
public sealed class DigestText
{
    private DigestText(bool french) => French = french;

    public static DigestText English { get; } = new(false);

    public static DigestText FrenchText { get; } = new(true);

    public bool French { get; }

    public string Language => French ? "fr" : "en";

    public static DigestText For(string? locale) => locale == "fr" ? FrenchText : English;

    public string Subject(string organization, bool daily) => French
        ? (daily ? $"Votre résumé du jour — {organization}" : $"Votre résumé de la semaine — {organization}")
        : (daily ? $"Your daily digest from {organization}" : $"Your weekly digest from {organization}");

    public string Greeting(string name) => French ? $"Bonjour {name}," : $"Hello {name},";

    public string Intro(bool daily) => French
        ? (daily ? "Voici ce qui s'est passé depuis hier dans votre communauté." : "Voici ce qui s'est passé cette semaine dans votre communauté.")
        : (daily ? "Here is what happened in your community since yesterday." : "Here is what happened in your community this week.");

    public string MentionsHeading => French ? "Réponses et mentions que vous n'avez pas vues" : "Replies and mentions you have not seen";

    public string GroupsHeading => French ? "Dans vos groupes" : "In your groups";

    public string NewMembersHeading => French ? "Nouveaux membres près de chez vous" : "New members near you";

    public string AidHeading => French ? "Demandes d'aide près de chez vous" : "Requests for help near you";

    /// <summary>How a sensitive request is named in a mail: its category only, never its title nor its place.</summary>
    public string SensitiveRequest(string category) => French
        ? $"Une personne près de chez vous a besoin d'aide : {category} (demande confidentielle)"
        : $"Someone near you needs help with {category} (a confidential request)";

    public string PrivateMessages(int count) => French
        ? (count == 1 ? "Vous avez 1 nouveau message privé. Lisez-le sur le site :" : $"Vous avez {Number(count)} nouveaux messages privés. Lisez-les sur le site :")
        : (count == 1 ? "You have 1 new private message. Read it on the site:" : $"You have {Number(count)} new private messages. Read them on the site:");

    public string EventsHeading => French ? "Événements à venir" : "Events coming up";

    public string Online => French ? "en ligne" : "online";

    public string YouAnswered => French ? "(vous avez répondu)" : "(you answered)";

    /// <summary>The built-in categories by slug; a category an admin added carries its own name.</summary>
    public string Category(string slug, string? name) => name ?? (slug, French) switch
    {
        ("childcare", false) => "childcare",
        ("childcare", true) => "garde d'enfants",
        ("shelter", false) => "shelter and housing",
        ("shelter", true) => "hébergement et logement",
        ("food", false) => "food",
        ("food", true) => "alimentation",
        ("transport", false) => "transport",
        ("transport", true) => "transport",
        ("listening", false) => "listening and moral support",
        ("listening", true) => "écoute et soutien moral",
        ("errands", false) => "errands",
        ("errands", true) => "courses et démarches",
        ("skills", false) => "skills",
        ("skills", true) => "compétences",
        ("other", false) => "other",
        ("other", true) => "autre",
        _ => slug,
    };

    public string PopularHeading => French ? "Publications populaires" : "Popular posts";

    public string InGroup(string group) => French ? $"dans {group}" : $"in {group}";

    public string ContentWarning(string warning) => French ? $"Avertissement : {warning}" : $"Content warning: {warning}";

    public string More(int count) => French
        ? (count == 1 ? "et 1 autre publication" : $"et {Number(count)} autres publications")
        : (count == 1 ? "and 1 more post" : $"and {Number(count)} more posts");

    public string Open => French ? "Lire" : "Read";

    public string Why(string organization) => French
        ? $"Vous recevez ce résumé parce que vous êtes membre de {organization}."
        : $"You get this digest because you are a member of {organization}.";

    public string ChangeFrequency => French ? "Choisir la fréquence (quotidien, hebdomadaire ou jamais) :" : "Choose how often it comes (daily, weekly or never):";

    public string Unsubscribe => French ? "Ne plus recevoir ces résumés :" : "Stop these digests:";

    private string Number(double value) => value.ToString("N0", French ? CultureInfo.GetCultureInfo("fr") : CultureInfo.InvariantCulture);
}
