using Kindred.Server.Cli;
using Kindred.Server.Hosting;
using Kindred.Server.Hosting.Nodes;

// The same executable is the server and the admin command line (`Kindred.Server --help`).
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(ServerDefaults.Options(args));
builder.ListenOnDefaultUrl();
builder.AddKindredCore();
builder.AddKindredIdentity();
builder.AddKindredOAuth();
builder.AddKindredSecurity();
builder.AddKindredWeb();
builder.AddKindredOperations();
builder.AddKindredNodes();
builder.AddKindredJobs();

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();
app.UseKindredPipeline();
app.MapKindredEndpoints();
await app.RunAsync();
return 0;

/// <summary>Visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
