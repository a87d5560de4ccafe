-- Drives Neovim's built-in LSP client the way a user's editor does, after the README's
-- configuration (loaded before this file) has started the server for YAML buffers. Writes what
-- arrived to the JSON file named by $ENDPOINTSLICES_NVIM_RESULT; test/editors/neovim.test.ts
-- reads it. Run: nvim --headless -u NONE -c 'luafile config.lua' -c 'luafile neovim-driver.lua'
local results = { errors = {} }
local timeout = 20000

local function fail(message)
  table.insert(results.errors, message)
end

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, os.getenv('ENDPOINTSLICES_NVIM_RESULT'))
  vim.cmd('qall!')
end

-- Diagnostics of the buffer as vim.diagnostic holds them, with the LSP fields the server sent.
local function diagnostics(bufnr)
  return vim.tbl_map(function(d)
    local lsp = d.user_data and d.user_data.lsp or {}
    return { line = d.lnum, col = d.col, code = d.code or lsp.code, source = d.source, message = d.message }
  end, vim.diagnostic.get(bufnr))
end

local function open(name)
  vim.cmd('edit ' .. name)
  local bufnr = vim.api.nvim_get_current_buf()
  -- Without a server or its diagnostics nothing else can be checked: stop at once.
  if not vim.wait(timeout, function() return #vim.lsp.buf_get_clients(bufnr) > 0 end, 50) then
    error('no LSP client attached to ' .. name)
  end
  if not vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    error('no diagnostics for ' .. name)
  end
  return bufnr
end

-- One request through every attached client, as the editor's own commands send it.
local function request(bufnr, method, params)
  local answers = vim.lsp.buf_request_sync(bufnr, method, params, timeout) or {}
  for _, answer in pairs(answers) do
    if answer.err then fail(method .. ': ' .. vim.inspect(answer.err)) end
    if answer.result then return answer.result end
  end
  return nil
end

local function position(bufnr, line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
end

local ok, err = pcall(function()
  -- Diagnostics: the apiserver's errors on a slice with four mistakes.
  local invalid = open('invalid-slice.yaml')
  results.invalid = diagnostics(invalid)
  results.client = vim.lsp.buf_get_clients(invalid)[1] and vim.lsp.buf_get_clients(invalid)[1].name

  -- Completion of a port name: the Service is in services.yaml, a file never opened here.
  local editing = open('editing-slice.yaml')
  results.editing = diagnostics(editing)
  local labels = {}
  vim.wait(timeout, function()
    local completion = request(editing, 'textDocument/completion', position(editing, 11, 10)) or {}
    labels = vim.tbl_map(function(item) return item.label end, completion.items or completion)
    return vim.tbl_contains(labels, 'metrics')
  end, 200)
  results.completion = labels

  -- Hover on addressType.
  local hover = request(editing, 'textDocument/hover', position(editing, 7, 3))
  results.hover = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or ''

  -- The quick fix for `addressType: ipv4`, with the line's diagnostics as the editor sends them.
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(editing, 7)
  local range_params = vim.lsp.util.make_range_params()
  range_params.range = { start = { line = 7, character = 0 }, ['end'] = { line = 7, character = 17 } }
  range_params.context = { diagnostics = line_diagnostics, only = { 'quickfix' } }
  local actions = request(editing, 'textDocument/codeAction', range_params) or {}
  results.actions = vim.tbl_map(function(action) return action.title end, actions)
  for _, action in ipairs(actions) do
    if action.title == 'Change to "IPv4"' and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      results.fixed_line = vim.api.nvim_buf_get_lines(editing, 7, 8, false)[1]
    end
  end
  -- The server validates the edited text; the addressType error goes away.
  vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(editing)) do
      if d.lnum == 7 and d.severity == vim.diagnostic.severity.ERROR then return false end
    end
    return true
  end, 50)
  results.after_fix = diagnostics(editing)
end)
if not ok then fail(tostring(err)) end
finish()
