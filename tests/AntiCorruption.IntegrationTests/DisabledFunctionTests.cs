using System.Net;
using AntiCorruption.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AntiCorruption.IntegrationTests;

public sealed class DisabledFunctionTests
{
    [Fact]
    public async Task Host_FunctionDisabledBySetting_IsNotServed()
    {
        await using var app = await AppHost.StartAsync(
            (await Azurite.SharedAsync()).ConnectionString,
            ("AzureWebJobs.Health.Disabled", "true"),
            ("AzureWebJobs:ProcessComplaint:Disabled", "true"));

        var health = await app.Client.GetAsync(new Uri("api/health", UriKind.Relative));
        var submit = await app.PostJsonAsync("api/complaints", new { anonymous = true });

        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode); // the others still serve
        Assert.DoesNotContain(app.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is AntiCorruption.LocalHost.QueueTriggerListener { Function.Name: "ProcessComplaint" });
    }
}
