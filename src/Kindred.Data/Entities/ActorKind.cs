namespace Kindred.Data.Entities;

/// <summary>Which kind of local ActivityPub actor owns a key (ADR 95). Stored as an int.</summary>
public enum ActorKind
{
    /// <summary>A member or the organization's own account; the owner id is the account id.</summary>
    Account = 0,

    /// <summary>A public group; the owner id is the group id.</summary>
    Group = 1,

    /// <summary>The server itself (the instance actor that signs the server's own fetches); the owner id is 0.</summary>
    Instance = 2,
}
