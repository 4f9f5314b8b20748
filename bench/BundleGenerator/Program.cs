// Writes a valid exchange-format bundle of a national size, fast and deterministic for a seed:
//   BundleGenerator OUT_FOLDER PEOPLE [SEED]
// About 1.5 episodes per person, each with interventions, contacts and outcome reviews.
using System.Globalization;
using System.Text;

var folder = args[0];
var people = int.Parse(args[1], CultureInfo.InvariantCulture);
var random = new Random(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
Directory.CreateDirectory(folder);

string[] sexes = ["M", "F", "X", "U"];
string[] las = ["E08000007", "E08000002", "E06000040", "E09000001", "E07000012"];
string[] sources = ["self", "gp", "hospital", "criminal_justice", "family", "online_self"];
string[] substances = ["heroin", "crack", "cocaine", "cannabis", "alcohol", "amphetamine", "ketamine"];
string[] injecting = ["never", "previously", "currently", "declined"];
string[] reasons = ["completed_drug_free", "dropped_out", "transferred_community", "completed_alcohol_free", "died"];
string[] types = ["pharmacological", "psychosocial", "recovery_support", "harm_reduction"];
string[] settings = ["community", "primary_care", "pharmacy", "recovery_hub"];
string[] channels = ["face_to_face", "phone", "video", "online"];
string[] kinds = ["assessment", "keywork", "group", "review"];
var start = new DateOnly(2019, 1, 1);
static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
StreamWriter Open(string name, string header)
{
    var w = new StreamWriter(Path.Combine(folder, name), false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
    w.WriteLine(header);
    return w;
}

using var clients = Open("clients.csv", "client_ref,initials,date_of_birth,sex,local_authority,postcode_district,nhs_number,consent_national_reporting");
using var episodes = Open("episodes.csv", "episode_ref,client_ref,provider_code,pathway,referral_date,referral_source,triage_date,substance_1,substance_2,substance_3,injecting_status,discharge_date,discharge_reason");
using var interventions = Open("interventions.csv", "episode_ref,type,setting,start_date,end_date");
using var contacts = Open("contacts.csv", "episode_ref,date,channel,attended,kind");
using var reviews = Open("reviews.csv", "episode_ref,date,stage,alcohol_days,opiate_days,crack_days,cocaine_days,amphetamine_days,cannabis_days,other_drug_days,alcohol_units_per_drinking_day,injected_days,shoplifting_days,drug_selling_days,other_offending,psychological_health,physical_health,quality_of_life,acute_housing_problem,housing_at_risk,paid_work_days,education_days");
long e = 0, iCount = 0, cCount = 0, rCount = 0;
for (var p = 0; p < people; p++)
{
    var initials = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
    var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(16000)); // 1950-1993: adults
    clients.WriteLine($"C{p:D7},{initials},{D(birth)},{sexes[random.Next(4)]},{las[random.Next(las.Length)]},SK{random.Next(1, 20)},,{(random.Next(10) < 9 ? "Y" : "N")}");
    var count = random.Next(4) == 0 ? 3 : random.Next(1, 3); // 1.5 a person on average
    var referral = start.AddDays(random.Next(400));
    for (var k = 0; k < count; k++)
    {
        var triage = referral.AddDays(random.Next(1, 21));
        var closed = random.Next(3) > 0;
        var discharge = triage.AddDays(random.Next(30, 300));
        var s1 = substances[random.Next(substances.Length)];
        var s2 = random.Next(3) == 0 ? substances[random.Next(substances.Length)] : "";
        if (s2 == s1) s2 = "";
        var reason = s1 is "alcohol" ? "completed_alcohol_free" : reasons[random.Next(reasons.Length)];
        episodes.WriteLine($"E{e:D8},C{p:D7},PROV{random.Next(40):D2},adult,{D(referral)},{sources[random.Next(sources.Length)]},{D(triage)},{s1},{s2},,{injecting[random.Next(4)]},{(closed ? D(discharge) : "")},{(closed ? reason : "")}");
        var end = closed ? discharge : triage.AddDays(300);
        for (var i = random.Next(1, 3); i > 0; i--, iCount++)
            interventions.WriteLine($"E{e:D8},{types[random.Next(types.Length)]},{settings[random.Next(settings.Length)]},{D(triage)},{(closed ? D(discharge) : "")}");
        for (var c = random.Next(1, 6); c > 0; c--, cCount++)
            contacts.WriteLine($"E{e:D8},{D(triage.AddDays(random.Next(0, 30)))},{channels[random.Next(4)]},{(random.Next(5) > 0 ? "Y" : "N")},{kinds[random.Next(4)]}");
        reviews.WriteLine($"E{e:D8},{D(triage)},start,{random.Next(29)},{random.Next(29)},0,0,0,{random.Next(29)},0,{random.Next(50)},0,0,0,N,{random.Next(21)},{random.Next(21)},{random.Next(21)},N,N,0,0");
        rCount++;
        if (closed)
        {
            reviews.WriteLine($"E{e:D8},{D(discharge)},exit,{random.Next(29)},0,0,0,0,0,0,,0,0,0,N,{random.Next(21)},{random.Next(21)},{random.Next(21)},N,N,{random.Next(29)},0");
            rCount++;
        }
        referral = (closed ? discharge : end).AddDays(random.Next(30, 200));
        if (referral > new DateOnly(2026, 1, 1)) referral = new DateOnly(2026, 1, 1);
        e++;
        if (!closed) break;
    }
}
Console.Error.WriteLine($"{people} clients, {e} episodes, {iCount} interventions, {cCount} contacts, {rCount} reviews");
Console.WriteLine(e);
