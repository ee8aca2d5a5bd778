using AntiCorruption.Core.Time;

namespace AntiCorruption.Core.Validation;

/// <summary>
/// Dates in the API are written in the Common Era, but Thai users count years in the Buddhist Era
/// (พ.ศ., CE + 543) and often type 2570 for 2027. Taken as written, such a date lies five centuries
/// ahead: a workshop would be open for registration for ever and belong to a fiscal year no compile
/// takes. Every date field refuses it with a message naming the year that was meant.
/// </summary>
public static class BuddhistEraYears
{
    /// <summary>
    /// Refuses the field, and answers true, when its year can only be a Buddhist Era year: one of the
    /// Buddhist Era years the system knows (<see cref="FiscalYear.Earliest"/> to <see cref="FiscalYear.Latest"/>),
    /// which as Common Era years all come after the last day of the last of them.
    /// </summary>
    public static bool Refuse(JsonFields fields, string name, int year)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!new FiscalYear(year).IsAccepted)
        {
            return false;
        }

        fields.Fail(name, Messages.BuddhistEraYear(year));
        return true;
    }
}
