import { Select, type SelectProps } from '@mantine/core';
import { Controller, type Control, type FieldPath, type FieldValues, type RegisterOptions } from 'react-hook-form';

export type SelectFieldProps<T extends FieldValues> = Omit<SelectProps, 'value' | 'onChange' | 'name' | 'error'> & {
  control: Control<T>;
  name: FieldPath<T>;
  rules?: RegisterOptions<T>;
};

/**
 * A choice among fixed options in a react-hook-form form: one option is always chosen once picked
 * (no deselect), the field's error shows under it, and the list opens above modals.
 */
export function SelectField<T extends FieldValues>({ control, name, rules, ...props }: SelectFieldProps<T>) {
  return (
    <Controller
      name={name}
      control={control}
      rules={rules}
      render={({ field, fieldState }) => (
        <Select
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...props}
          value={field.value || null}
          onChange={(value) => value !== null && field.onChange(value)}
          onBlur={field.onBlur}
          ref={field.ref}
          name={field.name}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
