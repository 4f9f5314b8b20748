using Pathway;

// Every job Pathway does is a verb of this one executable (../shared/spec/cli.md); the web app is `serve`.
return await PathwayCommand.RunAsync(args);
