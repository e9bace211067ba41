using Kindred.Data.Entities;

namespace Kindred.Data.Configurations;

public sealed class EndorsementConfiguration : AccountPairConfiguration<Endorsement>;
