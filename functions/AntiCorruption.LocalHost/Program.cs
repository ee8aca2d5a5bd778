if (args is ["token", ..])
{
    return AntiCorruption.LocalHost.LocalStaffToken.Print(args[1..]);
}

await AntiCorruption.LocalHost.LocalFunctionsHost.RunAsync(args);
return 0;
