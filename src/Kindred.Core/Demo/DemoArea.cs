namespace Kindred.Core.Demo;

/// <summary>A neighbourhood of the demo city: its name, the hashtag its people use, and a centre (rounded before storing).</summary>
public sealed record DemoArea(string Name, string Hashtag, double Latitude, double Longitude);
