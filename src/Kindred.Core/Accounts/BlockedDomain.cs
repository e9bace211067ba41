using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>A blocked e-mail domain with the number of existing accounts whose address is in it or a subdomain.</summary>
public sealed record BlockedDomain(EmailDomainBlock Block, int Accounts);
