// Starts `worldspec lsp` (the command is the setting worldspec.command) for .world files.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("worldspec").get("command");
  client = new LanguageClient(
    "worldspec",
    "worldspec",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "world" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
