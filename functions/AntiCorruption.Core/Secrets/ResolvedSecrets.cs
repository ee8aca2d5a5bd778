using Microsoft.Extensions.Configuration;

namespace AntiCorruption.Core.Secrets;

/// <summary>
/// The configuration layer, added last, that holds the secrets the app resolved itself. Setting a
/// value reloads the configuration, so options bound to it (<c>IOptionsMonitor</c>) see the secret
/// without a restart.
/// </summary>
public sealed class ResolvedSecrets : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Resolve(string key, string value)
    {
        Set(key, value);
        OnReload();
    }
}
