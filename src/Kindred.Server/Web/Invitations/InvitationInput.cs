namespace Kindred.Server.Web.Invitations;

/// <summary>The fields of the two invitation forms (a link, an e-mail); numbers stay text so a bad one gets a message.</summary>
public sealed class InvitationInput
{
    public string? Email { get; set; }
    public string? Language { get; set; }
    public string? Message { get; set; }
    public string? MaxUses { get; set; }
    public string? ExpiresInDays { get; set; }
    public string? GroupId { get; set; }
}
