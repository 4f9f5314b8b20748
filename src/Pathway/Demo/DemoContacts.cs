using Bogus;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.People;

namespace Pathway.Demo;

/// <summary>
/// Contact details and demographics for every demo client, plainly fictional: "Example Street" addresses, phone numbers
/// from Ofcom's ranges kept for drama (07700 900000 to 900999), example.com email. Drawn from a generator of its own,
/// so adding them does not move any other part of the demo area.
/// </summary>
internal static class DemoContacts
{
    private static readonly string[] Streets = ["Example Street", "Sample Road", "Specimen Lane", "Placeholder Avenue", "Fictional Close"];
    private static readonly string[] Practices = ["Example Street Surgery", "Sample Road Medical Practice", "Demo Health Centre"];
    /// <summary>Each demo practice's code: ODS-shaped, from the P99xxx range no real practice holds.</summary>
    private static readonly Dictionary<string, string> PracticeCodes = new()
    {
        ["Example Street Surgery"] = "P99001", ["Sample Road Medical Practice"] = "P99002", ["Demo Health Centre"] = "P99003",
    };
    private static readonly string[] Relationships = ["Mother", "Father", "Sister", "Brother", "Partner", "Friend", "Daughter", "Son"];

    public static async Task AddAsync(PathwayDb db, int seed, CancellationToken cancel)
    {
        var random = new Randomizer(seed + 12);
        var clients = await db.ClientRecords.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.GivenName, c.PostcodeDistrict, c.Person.Sex }).ToListAsync(cancel);
        foreach (var c in clients)
        {
            var phone = random.Bool(0.85f);
            var email = random.Bool(0.4f);
            var by = random.WeightedRandom([ContactMethod.Phone, ContactMethod.Text, ContactMethod.Email, ContactMethod.Letter], [0.5f, 0.3f, 0.1f, 0.1f]);
            if (!phone && by is ContactMethod.Phone or ContactMethod.Text) by = ContactMethod.Letter;
            if (!email && by == ContactMethod.Email) by = ContactMethod.Letter;
            var disabled = random.WeightedRandom([YesNoNotStated.Yes, YesNoNotStated.No, YesNoNotStated.NotStated], [0.25f, 0.65f, 0.1f]);
            var kin = random.Bool(0.6f) ? $"Example Person {random.Int(1, 999)}" : null;
            var parent = random.WeightedRandom([YesNoNotStated.Yes, YesNoNotStated.No, YesNoNotStated.NotStated], [0.3f, 0.65f, 0.05f]);
            var contact = db.ClientContacts.Add(new ClientContact
            {
                ClientRecordId = c.Id,
                AddressLine1 = $"Flat {random.Int(1, 9)}, {random.Int(1, 99)} {random.ArrayElement(Streets)}",
                Town = c.PostcodeDistrict is ['S', 'K', ..] ? "Stockport" : "Bury",
                Postcode = c.PostcodeDistrict is { } d ? $"{d} {random.Int(1, 9)}{random.ArrayElement(["AA", "AB", "XE", "ZZ"])}" : null,
                Phone = phone ? $"07700 900{random.Int(0, 999):D3}" : null,
                Email = email ? $"{(c.GivenName ?? "client").ToLowerInvariant()}.{c.Id}@example.com" : null,
                ContactBy = by,
                VoicemailOk = phone ? random.Bool(0.6f) : null,
                TextOk = phone ? by == ContactMethod.Text || random.Bool(0.5f) : null,
                SafeTimes = random.Bool(0.3f) ? random.ArrayElement(["Weekdays after 6pm", "Mornings before 11am", "Not at weekends"]) : null,
                SafeContactNote = random.Bool(0.1f) ? "Do not say where you are calling from" : null,
                GpPractice = random.Bool(0.8f) ? random.ArrayElement(Practices) : null,
                NextOfKinName = kin,
                NextOfKinRelationship = kin is null ? null : random.ArrayElement(Relationships),
                NextOfKinPhone = kin is not null && random.Bool(0.7f) ? $"07700 900{random.Int(0, 999):D3}" : null,
                Ethnicity = random.WeightedRandom([Ethnicity.WhiteBritish, Ethnicity.WhiteIrish, Ethnicity.WhiteOther, Ethnicity.MixedWhiteAndBlackCaribbean,
                    Ethnicity.AsianPakistani, Ethnicity.AsianIndian, Ethnicity.BlackAfrican, Ethnicity.NotStated], [0.78f, 0.02f, 0.05f, 0.02f, 0.04f, 0.02f, 0.02f, 0.05f]),
                SexualOrientation = random.WeightedRandom([SexualOrientation.Heterosexual, SexualOrientation.GayOrLesbian, SexualOrientation.Bisexual, SexualOrientation.NotStated],
                    [0.85f, 0.04f, 0.03f, 0.08f]),
                Religion = random.WeightedRandom([Religion.NoReligion, Religion.Christian, Religion.Muslim, Religion.NotStated], [0.45f, 0.38f, 0.06f, 0.11f]),
                Disability = disabled,
                DisabilityType = disabled == YesNoNotStated.Yes && random.Bool(0.7f) ? random.Enum<DisabilityType>() : null,
                Pregnant = c.Sex == Sex.Female ? random.WeightedRandom([Pregnancy.No, Pregnancy.Yes, Pregnancy.NotKnown], [0.9f, 0.03f, 0.07f]) : Pregnancy.NotApplicable,
                ParentalResponsibility = parent,
                ChildrenLivingWith = parent == YesNoNotStated.Yes ? random.Int(0, 3) : 0,
            }).Entity;
            // After the draws, so the practice codes move no other demo value.
            contact.GpOdsCode = contact.GpPractice is { } practice ? PracticeCodes[practice] : null;
        }
        await db.SaveChangesAsync(cancel);
        db.ChangeTracker.Clear();
    }
}
