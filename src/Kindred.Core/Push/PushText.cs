using Kindred.Core.Notifications;

namespace Kindred.Core.Push;

/// <summary>
/// A push's title in English and French, as the digest keeps its words beside the code (the core cannot read the web's
/// resource files). The titles follow Mastodon's ("Alex mentioned you"); Kindred's own types say what happened in the
/// same way. Nothing here names the content: the body, when there is one, comes from what the recipient may read.
/// </summary>
public static class PushText
{
    public static string Title(string type, string name, string? locale) => locale == "fr" ? French(type, name) : English(type, name);

    private static string English(string type, string name) => type switch
    {
        NotificationTypes.Mention => $"{name} mentioned you",
        NotificationTypes.Status => $"{name} just posted",
        NotificationTypes.Reblog => $"{name} boosted your post",
        NotificationTypes.Follow => $"{name} is now following you",
        NotificationTypes.FollowRequest => $"{name} has requested to follow you",
        NotificationTypes.Favourite => $"{name} favourited your post",
        NotificationTypes.Poll => "A poll has ended",
        NotificationTypes.Update => $"{name} edited a post",
        NotificationTypes.ApplicationWaiting => "Someone applied to join",
        NotificationTypes.AdminReport => "New report",
        NotificationTypes.ModerationWarning => "A moderator acted on your account",
        NotificationTypes.GroupRequest => $"{name} asked to join a group",
        NotificationTypes.GroupApproval => "Your request to join a group was accepted",
        NotificationTypes.AidMatch => "A new request or offer fits what you said",
        NotificationTypes.AidResponse => $"{name} answered your request or offer",
        NotificationTypes.AidAccepted => $"{name} accepted your answer",
        NotificationTypes.AidMessage => $"New message from {name}",
        NotificationTypes.AidClosingSoon => "Your request or offer closes soon",
        NotificationTypes.AidEscalation or NotificationTypes.SafetyEscalation => "Someone feels unsafe",
        NotificationTypes.AidThanks => $"{name} thanked you",
        NotificationTypes.AidReviewResumed => "Your conversation may go on",
        NotificationTypes.AidReviewClosed => "A conversation of yours was closed",
        NotificationTypes.EventReminder => "An event starts soon",
        NotificationTypes.EventUpdate => "An event you answered changed",
        NotificationTypes.EventParticipationAccepted => "A place freed up: you are going",
        NotificationTypes.EventFollowUp => "How was the event?",
        _ => "New notification",
    };

    private static string French(string type, string name) => type switch
    {
        NotificationTypes.Mention => $"{name} vous a mentionné·e",
        NotificationTypes.Status => $"{name} vient de publier",
        NotificationTypes.Reblog => $"{name} a partagé votre message",
        NotificationTypes.Follow => $"{name} vous suit",
        NotificationTypes.FollowRequest => $"{name} demande à vous suivre",
        NotificationTypes.Favourite => $"{name} a aimé votre message",
        NotificationTypes.Poll => "Un sondage est terminé",
        NotificationTypes.Update => $"{name} a modifié un message",
        NotificationTypes.ApplicationWaiting => "Quelqu'un demande à rejoindre",
        NotificationTypes.AdminReport => "Nouveau signalement",
        NotificationTypes.ModerationWarning => "Une modération concerne votre compte",
        NotificationTypes.GroupRequest => $"{name} demande à rejoindre un groupe",
        NotificationTypes.GroupApproval => "Votre demande pour rejoindre un groupe est acceptée",
        NotificationTypes.AidMatch => "Une nouvelle demande ou offre correspond à ce que vous avez dit",
        NotificationTypes.AidResponse => $"{name} a répondu à votre demande ou offre",
        NotificationTypes.AidAccepted => $"{name} a accepté votre réponse",
        NotificationTypes.AidMessage => $"Nouveau message de {name}",
        NotificationTypes.AidClosingSoon => "Votre demande ou offre se ferme bientôt",
        NotificationTypes.AidEscalation or NotificationTypes.SafetyEscalation => "Quelqu'un ne se sent pas en sécurité",
        NotificationTypes.AidThanks => $"{name} vous remercie",
        NotificationTypes.AidReviewResumed => "Votre conversation peut continuer",
        NotificationTypes.AidReviewClosed => "Une de vos conversations est fermée",
        NotificationTypes.EventReminder => "Un événement commence bientôt",
        NotificationTypes.EventUpdate => "Un événement auquel vous avez répondu a changé",
        NotificationTypes.EventParticipationAccepted => "Une place s'est libérée : vous y allez",
        NotificationTypes.EventFollowUp => "Comment s'est passé l'événement ?",
        _ => "Nouvelle notification",
    };
}
