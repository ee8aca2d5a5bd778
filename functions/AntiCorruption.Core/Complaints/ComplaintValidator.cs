using System.Globalization;
using System.Text.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Complaints;

/// <summary>Checks a complaint body field by field (CONTRACT.md section 2) and builds the submission.</summary>
public sealed class ComplaintValidator(ReferenceCatalog catalog, TimeProvider time)
{
    public ComplaintSubmission? Validate(JsonElement body, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        if (fields is null)
        {
            return null;
        }

        var category = fields.Text("category", required: true, ComplaintLimits.ShortText);
        if (category is not null && catalog.FindCategory(category) is null)
        {
            fields.Fail("category", Messages.UnknownCategory);
        }

        var province = fields.Text("province", required: true, ComplaintLimits.ShortText)?.ToUpperInvariant();
        if (province is not null && catalog.FindProvince(province) is null)
        {
            fields.Fail("province", Messages.UnknownProvince);
        }

        var agency = fields.Text("agency", required: true, ComplaintLimits.Agency);
        var details = new CaseDetails(
            fields.Text("subject", required: false, ComplaintLimits.ShortText),
            fields.Text("description", required: true, ComplaintLimits.DescriptionMax, ComplaintLimits.DescriptionMin, multiline: true) ?? "",
            fields.Text("accusedName", required: false, ComplaintLimits.ShortText),
            fields.Text("accusedPosition", required: false, ComplaintLimits.ShortText),
            ReadLocation(fields));
        var incidentDate = ReadIncidentDate(fields);
        var amount = fields.Number("amountThb", required: false, 0, ComplaintLimits.AmountMax);
        var anonymous = fields.Boolean("anonymous", required: true);
        var consent = fields.Boolean("consent", required: false);
        var reporter = ReadReporter(fields, anonymous);
        if (anonymous == false && consent != true && !errors.Has("consent"))
        {
            fields.Fail("consent", Messages.ConsentRequired);
        }

        var attachments = ReadAttachmentIds(fields);
        if (!errors.IsEmpty)
        {
            return null;
        }

        return new ComplaintSubmission(
            category!,
            province!,
            agency!,
            details,
            incidentDate,
            amount is null ? null : decimal.Round((decimal)amount.Value, 2),
            anonymous!.Value,
            reporter,
            consent == true,
            attachments);
    }

    private static GeoPoint? ReadLocation(JsonFields fields)
    {
        var location = fields.Child("location", required: false);
        if (location is null)
        {
            return null;
        }

        var latitude = location.Number("latitude", required: true, -90, 90);
        var longitude = location.Number("longitude", required: true, -180, 180);
        return latitude is null || longitude is null ? null : new GeoPoint(latitude.Value, longitude.Value);
    }

    private DateOnly? ReadIncidentDate(JsonFields fields)
    {
        var text = fields.Text("incidentDate", required: false, 10);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            fields.Fail("incidentDate", Messages.InvalidDate);
            return null;
        }

        if (BuddhistEraYears.Refuse(fields, "incidentDate", date.Year))
        {
            return null;
        }

        // "Not in the future" is judged on the Bangkok calendar, where the reporter lives.
        if (date > Bangkok.DateOf(time.GetUtcNow()))
        {
            fields.Fail("incidentDate", Messages.FutureDate);
        }
        else if (date < ComplaintLimits.EarliestIncident)
        {
            fields.Fail("incidentDate", Messages.TooOldDate);
        }

        return date;
    }

    private static ReporterDetails? ReadReporter(JsonFields fields, bool? anonymous)
    {
        if (anonymous == true)
        {
            // Anonymous means nothing that identifies the reporter is taken in, not even by mistake.
            var given = fields.Child("reporter", required: false);
            if (given is not null && !given.IsEmpty())
            {
                fields.Fail("reporter", Messages.MustBeEmptyWhenAnonymous);
            }

            return null;
        }

        var reporter = fields.Child("reporter", required: anonymous == false);
        if (reporter is null)
        {
            return null;
        }

        var name = reporter.Text("name", required: true, ComplaintLimits.ShortText);
        var phoneText = reporter.Text("phone", required: false, ComplaintLimits.Phone);
        string? phone = null;
        if (phoneText is not null && !ContactFormats.TryNormalizeThaiPhone(phoneText, out phone))
        {
            reporter.Fail("phone", Messages.InvalidPhone);
        }

        var email = reporter.Text("email", required: false, ComplaintLimits.Email)?.ToLowerInvariant();
        if (email is not null && !ContactFormats.IsEmail(email))
        {
            reporter.Fail("email", Messages.InvalidEmail);
        }

        if (phoneText is null && email is null)
        {
            reporter.Fail("phone", Messages.ContactRequired);
            reporter.Fail("email", Messages.ContactRequired);
        }

        var lineUserId = reporter.Text("lineUserId", required: false, 33);
        if (lineUserId is not null && !ContactFormats.IsLineUserId(lineUserId))
        {
            reporter.Fail("lineUserId", Messages.InvalidLineUserId);
        }

        // "Tell me by email when there is news": content-free notices (Notifications/ReporterNotices).
        var notify = reporter.Boolean("notifyByEmail", required: false) ?? false;
        if (notify && email is null)
        {
            reporter.Fail("notifyByEmail", Messages.NotifyNeedsEmail);
        }

        return name is null ? null : new ReporterDetails(name, phone, email, lineUserId, notify);
    }

    private static string[] ReadAttachmentIds(JsonFields fields)
    {
        var ids = fields.StringArray("attachmentIds", ComplaintLimits.Attachments, 64) ?? [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!Guid.TryParseExact(ids[i], "N", out _))
            {
                fields.Errors.Add($"{fields.Path("attachmentIds")}[{i}]", Messages.InvalidAttachmentId);
            }
            else if (!seen.Add(ids[i]))
            {
                fields.Errors.Add($"{fields.Path("attachmentIds")}[{i}]", Messages.DuplicateAttachmentId);
            }
        }

        return ids.Select(id => id.ToLowerInvariant()).ToArray();
    }
}
