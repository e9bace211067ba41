namespace Kindred.Data.Entities;

/// <summary>One signed-in browser. The cookie names its row; deleting the row signs that browser out.</summary>
public class UserSession
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public string UserAgent { get; set; } = "";
    public string IpAddress { get; set; } = "";
}
