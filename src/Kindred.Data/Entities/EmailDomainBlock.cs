namespace Kindred.Data.Entities;

/// <summary>
/// An e-mail domain nobody may sign up with or change their address to (ADR 73). Stored lower-case and in punycode, so
/// that one row covers every spelling; it also covers the domain's subdomains.
/// </summary>
public class EmailDomainBlock
{
    public long Id { get; set; }
    public string Domain { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The admin who added it; null once their account is deleted.</summary>
    public long? CreatedById { get; set; }
}
