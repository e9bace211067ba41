namespace Kindred.Core.Common;

/// <summary>What <see cref="MediaMigration.CopyAsync"/> did: objects copied and verified, already there (skipped), and
/// copies that did not match their original.</summary>
public sealed record MediaMigrationResult(int Copied, int Skipped, int Failed, long BytesCopied);
