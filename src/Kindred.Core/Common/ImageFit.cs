namespace Kindred.Core.Common;

/// <summary>How an uploaded image is brought to the target size of its <see cref="ImageRules"/>.</summary>
public enum ImageFit
{
    /// <summary>Centre-crop to the target's aspect ratio, then scale down (avatars, headers).</summary>
    Cover,

    /// <summary>Keep the whole picture and scale it down until it fits inside the target (post images).</summary>
    Inside,
}
