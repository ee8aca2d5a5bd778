using System.Reflection;

namespace AntiCorruption.LocalHost;

public enum TriggerKind
{
    Http,
    Queue,
    Timer,
}

/// <summary>One function as the Functions host would index it from its attributes.</summary>
public sealed record FunctionDefinition(
    string Name,
    MethodInfo Method,
    TriggerKind Trigger,
    IReadOnlyList<string> HttpMethods,
    string? Route,
    string? QueueName,
    string? Connection,
    string? Schedule,
    bool RunOnStartup)
{
    /// <summary><c>Namespace.Class.Method</c>, as <c>entryPoint</c> in functions.metadata.</summary>
    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";
}
