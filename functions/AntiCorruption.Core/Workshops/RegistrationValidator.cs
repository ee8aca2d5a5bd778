using System.Text.Json;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Validation;

namespace AntiCorruption.Core.Workshops;

/// <summary>Checks a registration body: name, contact (a Thai phone or an email), optional national id, PDPA consent.</summary>
public sealed class RegistrationValidator(ReferenceCatalog catalog)
{
    public Attendee? Validate(JsonElement body, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var fields = JsonFields.ForBody(body, errors);
        if (fields is null)
        {
            return null;
        }

        var fullName = fields.Text("fullName", required: true, 200);
        var position = fields.Text("position", required: false, 200);
        var agency = fields.Text("agency", required: false, 300);
        var province = fields.Text("province", required: true, 10)?.ToUpperInvariant();
        if (province is not null && catalog.FindProvince(province) is null)
        {
            fields.Fail("province", Messages.UnknownProvince);
        }

        var phoneText = fields.Text("phone", required: false, 32);
        string? phone = null;
        if (phoneText is not null && !ContactFormats.TryNormalizeThaiPhone(phoneText, out phone))
        {
            fields.Fail("phone", Messages.InvalidPhone);
        }

        var email = fields.Text("email", required: false, 254)?.ToLowerInvariant();
        if (email is not null && !ContactFormats.IsEmail(email))
        {
            fields.Fail("email", Messages.InvalidEmail);
        }

        if (phoneText is null && email is null)
        {
            fields.Fail("phone", Messages.ContactRequired);
            fields.Fail("email", Messages.ContactRequired);
        }

        var idText = fields.Text("nationalId", required: false, 20);
        string? nationalId = null;
        if (idText is not null && !ContactFormats.TryNormalizeThaiNationalId(idText, out nationalId))
        {
            fields.Fail("nationalId", Messages.InvalidNationalId);
        }

        if (fields.Boolean("consent", required: false) != true && !errors.Has("consent"))
        {
            fields.Fail("consent", Messages.ConsentToRegister);
        }

        return errors.IsEmpty ? new Attendee(fullName!, position, agency, province!, phone, email, nationalId) : null;
    }
}
