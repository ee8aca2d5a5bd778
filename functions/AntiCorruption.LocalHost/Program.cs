await AntiCorruption.LocalHost.LocalFunctionsHost.RunAsync(args);
