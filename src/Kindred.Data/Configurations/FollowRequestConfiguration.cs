using Kindred.Data.Entities;

namespace Kindred.Data.Configurations;

public sealed class FollowRequestConfiguration : AccountPairConfiguration<FollowRequest>;
