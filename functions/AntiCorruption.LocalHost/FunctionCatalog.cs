using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace AntiCorruption.LocalHost;

/// <summary>
/// Finds the functions of an assembly from the same <c>[Function]</c> and trigger attributes
/// the Worker SDK indexes, so the LocalHost runs exactly the functions Azure runs.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDefinition> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<FunctionDefinition>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    functions.Add(Describe(function.Name, method));
                }
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray()
            : throw new InvalidOperationException($"Two functions are named {duplicate.Key}.");
    }

    private static FunctionDefinition Describe(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            switch (parameter.GetCustomAttribute<BindingAttribute>(inherit: true))
            {
                case HttpTriggerAttribute http:
                    return new FunctionDefinition(
                        name, method, TriggerKind.Http,
                        (http.Methods ?? ["get", "post", "put", "patch", "delete", "head", "options"]).Select(m => m.ToLowerInvariant()).ToArray(),
                        http.Route ?? name, null, null, null, false);
                case QueueTriggerAttribute queue:
                    return new FunctionDefinition(name, method, TriggerKind.Queue, [], null, queue.QueueName, queue.Connection, null, false);
                case TimerTriggerAttribute timer:
                    return new FunctionDefinition(name, method, TriggerKind.Timer, [], null, null, null, timer.Schedule, timer.RunOnStartup);
            }
        }

        throw new NotSupportedException($"Function {name} has a trigger the LocalHost does not run; it runs HTTP, queue and timer triggers.");
    }
}
