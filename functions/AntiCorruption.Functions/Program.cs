using AntiCorruption.Functions;
using AntiCorruption.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemMiddleware>();
builder.Services.AddAntiCorruption(builder.Configuration);
builder.Build().Run();
