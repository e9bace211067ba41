using Kindred.Data.Entities;

namespace Kindred.Data.Configurations;

public sealed class FollowConfiguration : AccountPairConfiguration<Follow>;
