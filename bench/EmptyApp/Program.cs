// `dotnet new web`, listening on loopback at PORT: what any ASP.NET Core app pays to start.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000", System.Globalization.CultureInfo.InvariantCulture)));
var app = builder.Build();
app.MapGet("/", () => "Hello World!");
app.Run();
