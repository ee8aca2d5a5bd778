using System.Diagnostics;
using OpenTelemetry;

namespace AntiCorruption.Functions.Telemetry;

/// <summary>
/// Every table write of the app that adds a row is an insert-if-absent: a 409 from it means the
/// row is there already (a redelivered message, the code's row intake wrote before processing),
/// which is the idempotency working, not a failure. Left as the SDK marks it, each stored complaint
/// would count a failed dependency. Such a span, and the HTTP span under it, end with no error,
/// and say what happened in <c>anticorruption.outcome</c>.
/// </summary>
internal sealed class InsertIfAbsentProcessor : BaseProcessor<Activity>
{
    private const string TablesSource = "Azure.Data.Tables.TableClient";
    private const string AddEntity = "TableClient.AddEntity";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Status != ActivityStatusCode.Error)
        {
            return;
        }

        var isInsert = data.Source.Name == TablesSource && data.DisplayName == AddEntity
            && data.GetTagItem("error.type") as string == "EntityAlreadyExists";
        var isInsertsRequest = data.Parent is { DisplayName: AddEntity } parent && parent.Source.Name == TablesSource
            && data.GetTagItem("http.response.status_code") is 409;
        if (isInsert || isInsertsRequest)
        {
            data.SetStatus(ActivityStatusCode.Unset);
            data.SetTag("error.type", null);
            data.SetTag("anticorruption.outcome", "already_exists");
        }
    }
}
