using System.Globalization;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Time;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>Checks a staff body that creates or changes a workshop, and works out its fiscal year and region.</summary>
public sealed class WorkshopValidator(ReferenceCatalog catalog)
{
    public const int MaxCapacity = 100_000;

    /// <summary>Reads the fields of a create (all required) or a change (any of them) over <paramref name="existing"/>.</summary>
    public WorkshopEntity? Read(JsonFields fields, WorkshopEntity? existing)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var required = existing is null;
        var title = fields.Text("title", required, 300);
        var province = fields.Text("province", required, 10)?.ToUpperInvariant();
        if (province is not null && catalog.FindProvince(province) is null)
        {
            fields.Fail("province", Messages.UnknownProvince);
        }

        var venue = fields.Text("venue", required, 300);
        var startsAt = Instant(fields, "startsAt", required);
        var endsAt = Instant(fields, "endsAt", required);
        var deadline = Instant(fields, "registrationDeadline", required);
        var capacity = fields.Number("capacity", required, 1, MaxCapacity);
        if (capacity is not null && capacity != Math.Floor(capacity.Value))
        {
            fields.Fail("capacity", Messages.MustBeNumber);
        }

        var workshop = existing ?? new WorkshopEntity();
        workshop.Title = title ?? workshop.Title;
        workshop.Province = province ?? workshop.Province;
        workshop.Venue = venue ?? workshop.Venue;
        workshop.StartsAt = startsAt ?? workshop.StartsAt;
        workshop.EndsAt = endsAt ?? workshop.EndsAt;
        workshop.RegistrationDeadline = deadline ?? workshop.RegistrationDeadline;
        workshop.Capacity = capacity is null ? workshop.Capacity : (int)capacity.Value;
        if (fields.Errors.IsEmpty)
        {
            if (workshop.EndsAt <= workshop.StartsAt)
            {
                fields.Fail("endsAt", Messages.EndsBeforeStart);
            }

            if (workshop.RegistrationDeadline > workshop.StartsAt)
            {
                fields.Fail("registrationDeadline", Messages.DeadlineAfterStart);
            }

            // A change may keep a start stored before such years were refused: it is put right first.
            if (KeptFiscalYear(fields, "startsAt", workshop.StartsAt) is { } fiscalYear)
            {
                workshop.FiscalYear = fiscalYear.BuddhistYear;
            }

            workshop.Region = catalog.RegionOf(workshop.Province);
        }

        return fields.Errors.IsEmpty ? workshop : null;
    }

    private static DateTimeOffset? Instant(JsonFields fields, string name, bool required)
    {
        var text = fields.Text(name, required, 40);
        if (text is null)
        {
            return null;
        }

        // An offset is required: "09:00" alone would silently be read as UTC, seven hours off in Thailand.
        if (!HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            fields.Fail(name, Messages.InvalidInstant);
            return null;
        }

        // Judged before the move to UTC, on the year as typed: 2570-01-01T00:00+07:00 is still 2569 in UTC.
        return KeptFiscalYear(fields, name, instant) is null ? null : instant.ToUniversalTime();
    }

    /// <summary>The fiscal year of a time, or null with the field refused when the system does not keep that year.</summary>
    private static FiscalYear? KeptFiscalYear(JsonFields fields, string name, DateTimeOffset instant)
    {
        if (BuddhistEraYears.Refuse(fields, name, instant.Year))
        {
            return null;
        }

        if (!FiscalYear.TryOf(instant, out var fiscalYear))
        {
            fields.Fail(name, Messages.OutsideFiscalYears);
            return null;
        }

        return fiscalYear;
    }

    private static bool HasOffset(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$");
}
