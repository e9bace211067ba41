namespace Kindred.Data.Entities;

/// <summary>A rule for sign-ups from an address or range (ADR 73), until it expires.</summary>
public class SignUpIpRule
{
    public long Id { get; set; }

    /// <summary>The range in canonical CIDR form (<c>192.0.2.0/24</c>, <c>2001:db8::/32</c>); one address is a /32 or /128.</summary>
    public string Network { get; set; } = "";
    public SignUpIpSeverity Severity { get; set; }
    public string Comment { get; set; } = "";

    /// <summary>After this the rule applies no more (it stays listed as expired); null for no end.</summary>
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public long? CreatedById { get; set; }
}
