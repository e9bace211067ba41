namespace Kindred.Server.Hosting;

/// <summary>
/// Where the server looks for its own files and where it listens, when nobody said otherwise (ADR 53). The content
/// root is the app's folder, so wwwroot and appsettings.json are found wherever the process is started from; the data
/// folder stays relative to the working directory (<c>KindredOptions.FullDataDirectory</c>).
/// </summary>
public static class ServerDefaults
{
    public const string Url = "http://localhost:5000";

    /// <summary>The builder's options: the app's folder as content root, unless <c>--contentRoot</c> or
    /// <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c> name one (WebApplicationFactory passes it that way).</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var hostSettings = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrEmpty(hostSettings[HostDefaults.ContentRootKey]) ? AppContext.BaseDirectory : null,
        };
    }

    /// <summary>Listens on <see cref="Url"/> only when no standard setting chose an address: <c>Urls</c> in a settings
    /// file, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, <c>--urls</c>, or Kestrel endpoints.
    /// A <c>Urls</c> in the shipped appsettings.json used to win over all of those.</summary>
    public static WebApplicationBuilder ListenOnDefaultUrl(this WebApplicationBuilder builder)
    {
        if (!AddressConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(Url);
        }
        return builder;
    }

    public static bool AddressConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
