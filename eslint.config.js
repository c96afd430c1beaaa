import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const wasmOnlyInLoader = {
  name: "WebAssembly",
  message: "Only core-wasm/engine/loader.ts touches WebAssembly; go through the engine facade.",
};

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "core-wasm/build/**",
      "core-wasm/assembly/**",
      "node_modules/**",
      ".test-results/**",
      "coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "no-restricted-globals": ["error", wasmOnlyInLoader],
      "no-restricted-properties": [
        "error",
        { object: "globalThis", property: "WebAssembly", message: wasmOnlyInLoader.message },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["core-wasm/engine/loader.ts"],
    rules: { "no-restricted-globals": "off", "no-restricted-properties": "off" },
  },
  {
    files: ["web/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/core-wasm/build/**", "**/core-wasm/assembly/**"],
              message: "The UI reaches the engine only through core-wasm/engine.",
            },
            {
              group: ["**/core-wasm/engine/loader*", "**/core-wasm/engine/exports*"],
              message: "Import the facade (core-wasm/engine), not its internals.",
            },
          ],
        },
      ],
    },
  },
);
