namespace Kindred.Server.Web;

/// <summary>Anchor for the web UI's strings: Text.resx (English) and Text.fr.resx (French) beside this file.</summary>
public sealed class Text;
