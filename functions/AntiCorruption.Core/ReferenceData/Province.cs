namespace AntiCorruption.Core.ReferenceData;

/// <summary>A Thai province, by its ISO 3166-2:TH code, and the PACC region that covers it.</summary>
public sealed record Province(string Code, string NameTh, string NameEn, int PaccRegion);

/// <summary>A PACC office: region 0 is the central office (Bangkok), 1-9 the regional offices.</summary>
public sealed record Region(int Id, string NameTh, string NameEn, string OfficeProvince, bool Verified);

/// <summary>A complaint category; <see cref="Id"/> is what the API accepts.</summary>
public sealed record Category(string Id, string NameTh, string NameEn);

/// <summary>A pilot province of the surveillance project in one fiscal year.</summary>
public sealed record PilotProvince(string Code, int Region, string Source);

/// <summary>The pilot provinces known for one fiscal year (Buddhist Era).</summary>
public sealed record PilotYear(int FiscalYear, IReadOnlyList<PilotProvince> Provinces);
