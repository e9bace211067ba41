using Kindred.Data.Entities;

namespace Kindred.Core.Demo;

/// <summary>A planned post or reply; <see cref="Author"/> is an actor index (members, then the organization).</summary>
internal sealed record DemoPost(
    int Key,
    int Author,
    DateTime At,
    string Text,
    Audience Visibility,
    string Language,
    int? Group = null,
    int? ReplyTo = null,
    bool PinToProfile = false,
    bool PinInGroup = false);
