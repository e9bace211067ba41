using Kindred.Core.Common.Email;
using Microsoft.AspNetCore.DataProtection;

namespace Kindred.Core.Digests;

/// <summary>The token in a digest's unsubscribe link (ADR 25); it can only turn digests off.</summary>
public sealed class DigestTokens(IDataProtectionProvider provider) : UnsubscribeTokens(provider, "Kindred.Digests.Unsubscribe.v1");
