using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// A server whose every HTTP client made by the client factory (the geocoder's among them) goes through a recorder that
/// answers like Nominatim and sends nothing: a test can prove that no request left, or see the one that would have.
/// With <paramref name="geocoderUrl"/> the optional geocoder is switched on (ADR 88).
/// </summary>
public class PlacesApp : KindredApp
{
    private readonly List<Uri> requests = [];

    public PlacesApp(DatabaseKind database, string? geocoderUrl) : base(database)
    {
        if (geocoderUrl is not null)
        {
            Set("Kindred:Places:GeocoderUrl", geocoderUrl);
        }
    }

    /// <summary>Every outbound request the server tried, in order.</summary>
    public IReadOnlyList<Uri> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToList();
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new Recorder(this))));
    }

    private sealed class Recorder(PlacesApp app) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (app.requests)
            {
                app.requests.Add(request.RequestUri!);
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""[{"lat":"45.4589","lon":"-73.5699","display_name":"Verdun"}]""", Encoding.UTF8, "application/json"),
            });
        }
    }
}

public sealed class PlacesSqliteApp() : PlacesApp(DatabaseKind.Sqlite, null);

public sealed class PlacesPostgresApp() : PlacesApp(DatabaseKind.Postgres, null);

public sealed class GeocoderSqliteApp() : PlacesApp(DatabaseKind.Sqlite, "http://127.0.0.1:9/search");

public sealed class GeocoderPostgresApp() : PlacesApp(DatabaseKind.Postgres, "http://127.0.0.1:9/search");
