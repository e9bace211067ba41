namespace Kindred.Core.Aid;

/// <summary>What a match candidate is: the owner of an open offer, a member who opted in as a helper, or an open request (for an offer).</summary>
public enum AidMatchKind
{
    Offer,
    Helper,
    Request,
}
